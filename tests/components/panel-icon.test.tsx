import { render } from "@testing-library/react";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ICON_NAMES, PanelIcon } from "@/components/panel/shared/icons";

describe("PanelIcon", () => {
  it("is one hidden element with the drawing's class and its size", () => {
    const { container } = render(<PanelIcon name="settings" size={18} className="text-brand-700" />);
    const icon = container.firstElementChild as HTMLElement;
    expect(container.children).toHaveLength(1);
    expect(icon.tagName).toBe("SPAN");
    expect(icon.getAttribute("aria-hidden")).toBe("true");
    expect(icon.className.split(" ")).toEqual(["icon", "icon-settings", "size-[18px]", "text-brand-700"]);
  });

  it("has a drawing in the stylesheet for every name, and a mask in the text colour", () => {
    const css = fs.readFileSync("app/globals.css", "utf8");
    expect(ICON_NAMES.length).toBeGreaterThan(10);
    for (const name of ICON_NAMES)
      expect(css, name).toMatch(new RegExp(`\\.icon-${name} \\{ --icon: url\\("data:image/svg\\+xml,%3Csvg [^"]*%3Cpath d='[^']+'/%3E`));
    expect(css).toMatch(/\.icon \{[^}]*background-color: currentColor;[^}]*mask: var\(--icon\)/);
    expect(css).toMatch(/@media \(forced-colors: active\) \{\s*\.icon \{[^}]*background-color: CanvasText/);
  });
});
