import { logoutAction } from "@/lib/actions/session-actions";
import { getTranslations } from "@/lib/i18n/translations";

/**
 * "Abmelden": a plain form posting the logout action, rendered on the server. No client component:
 * it sits in every frame, and a client boundary with action state cost each page view measurably.
 */
export async function LogoutButton({ tone = "dark" }: { tone?: "dark" | "light" }) {
  const t = await getTranslations("common");
  const look = tone === "dark" ? "border-white/40 hover:bg-white/10" : "w-full border-slate-300 text-left hover:bg-slate-50";
  return (
    <form action={logoutAction}>
      <button type="submit" className={`rounded border px-3 py-1 text-sm ${look}`}>
        {t("logout")}
      </button>
    </form>
  );
}
