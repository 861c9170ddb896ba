import type { PanelSkin } from "@/components/panel/shared/skin-types";
import { Plesk10AddressView } from "./address-view";
import { Plesk10Frame } from "./frame";
import { Plesk10MailListView } from "./mail-list-view";
import { Plesk10Box, Plesk10Page } from "./page";
import { Plesk10StartView } from "./start-view";

export const plesk10Skin: PanelSkin = {
  Frame: (p) => <Plesk10Frame {...p} />,
  Page: ({ title, crumbs, children }) => (
    <Plesk10Page title={title} crumbs={crumbs}>
      <Plesk10Box>{children}</Plesk10Box>
    </Plesk10Page>
  ),
  StartView: (p) => <Plesk10StartView {...p} />,
  MailListView: (p) => <Plesk10MailListView {...p} />,
  AddressView: (p) => <Plesk10AddressView {...p} />,
};
