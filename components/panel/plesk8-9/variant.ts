/** Plesk 8 and 9 share one skin; these are the places where 9 looked different. */
export type ClassicVariant = "plesk8" | "plesk9";

export const CLASSIC_THEME = {
  plesk8: {
    header: "bg-gradient-to-b from-[#44607c] to-[#2c4258] text-white",
    page: "bg-[#e4e9ee]",
    nav: "bg-gradient-to-b from-[#5d7d9c] to-[#46637f] text-white",
    navLink: "text-white/90 hover:bg-white/15",
    navActive: "bg-white/25 font-semibold text-white",
    navHeading: "text-white/60",
    groupHead: "bg-gradient-to-b from-[#d3dde7] to-[#b9c8d6] text-[#23384d]",
  },
  plesk9: {
    header: "bg-gradient-to-b from-[#2f78b8] to-[#1d5a92] text-white",
    page: "bg-[#f1f4f8]",
    nav: "bg-[#dde7f1] text-[#1d3f61] border-r border-[#b9cbe0]",
    navLink: "text-[#1d3f61] hover:bg-white",
    navActive: "bg-white font-semibold text-[#0f2c48] shadow-sm",
    navHeading: "text-[#4b6d8f]",
    groupHead: "bg-gradient-to-b from-[#eaf1f8] to-[#d4e2f0] text-[#1d3f61]",
  },
} as const;
