import type { PanelSkin } from "@/components/panel/shared/skin-types";
import { ClassicAddressView } from "./address-view";
import { ClassicFrame } from "./frame";
import { ClassicMailListView } from "./mail-list-view";
import { ClassicBox, ClassicPage } from "./page";
import { ClassicStartView } from "./start-view";
import type { ClassicVariant } from "./variant";

function classicSkin(variant: ClassicVariant): PanelSkin {
  return {
    Frame: (p) => <ClassicFrame variant={variant} {...p} />,
    Page: ({ title, crumbs, children }) => (
      <ClassicPage title={title} crumbs={crumbs}>
        <ClassicBox>{children}</ClassicBox>
      </ClassicPage>
    ),
    StartView: (p) => <ClassicStartView variant={variant} {...p} />,
    MailListView: (p) => <ClassicMailListView variant={variant} {...p} />,
    AddressView: (p) => <ClassicAddressView variant={variant} {...p} />,
  };
}

export const plesk8Skin = classicSkin("plesk8");
export const plesk9Skin = classicSkin("plesk9");
