import { getActor } from "@/lib/auth/session";
import { buildMobileconfig } from "@/lib/mail/client-setup/mobileconfig";
import { getOwnMailbox } from "@/lib/services/mailboxes/get-own-mailbox";
import { getServerSettings } from "@/lib/services/settings/server-settings";
import { can } from "@/lib/authz/permissions";

export const dynamic = "force-dynamic";

/** Apple configuration profile of the logged-in mailbox; no password inside. Others get 404. */
export async function GET() {
  const actor = await getActor();
  if (!actor || !can(actor, "mailbox.self")) return new Response("Not found\n", { status: 404 });
  let address: string;
  let display: string;
  try {
    const mailbox = await getOwnMailbox(actor);
    address = mailbox.address;
    display = mailbox.displayAddress;
  } catch {
    return new Response("Not found\n", { status: 404 });
  }
  return new Response(buildMobileconfig(address, await getServerSettings(), display), {
    headers: {
      "Content-Type": "application/x-apple-aspen-config; charset=utf-8",
      "Content-Disposition": 'attachment; filename="kontor-mail.mobileconfig"',
      "Cache-Control": "private, no-store",
    },
  });
}
