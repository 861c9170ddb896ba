import type { PanelKind } from "@/db/schema";
import { plesk8Skin, plesk9Skin } from "@/components/panel/plesk8-9/skin";
import { plesk10Skin } from "@/components/panel/plesk10/skin";
import type { PanelSkin } from "./skin-types";

/** Panel version → skin. Packages without a panel ("none") have no skin: their customers use the E-Mail-Administration. */
const SKINS: Partial<Record<PanelKind, PanelSkin>> = { plesk8: plesk8Skin, plesk9: plesk9Skin, plesk10: plesk10Skin };

export function skinFor(panel: PanelKind): PanelSkin | undefined {
  return SKINS[panel];
}
