import fs from "node:fs/promises";
import { commonPasswordFile } from "@/lib/password/common-passwords";
import { getPasswordPolicyOptions } from "@/lib/services/settings/password-policy-settings";

let list: Promise<string> | undefined;

/**
 * What the browser's strength meter needs to run the server's checks (lib/password/policy.ts):
 * the admin's policy options and the common-password list. Public: it is the same for everybody and
 * the recovery page has no session. Fetched only once someone types a new password.
 */
export async function GET() {
  list ??= fs.readFile(commonPasswordFile(), "utf8");
  const body = JSON.stringify({ options: await getPasswordPolicyOptions(), common: await list });
  return new Response(body, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, max-age=300" },
  });
}
