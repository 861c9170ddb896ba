/**
 * Posts a server-action form the way a browser without JavaScript does: React renders the bound action
 * as hidden `$ACTION_…` inputs, and Next runs the action for a multipart POST that carries them.
 */
export async function formFields(url: string, cookie?: string, containing = "$ACTION"): Promise<Record<string, string>> {
  const html = await (await fetch(url, { headers: cookie ? { cookie } : {} })).text();
  // A page holds several action forms (language switch, logout, …): take the one the caller means.
  const form =
    html
      .split("<form")
      .slice(1)
      .find((f) => f.includes(containing)) ?? "";
  const fields: Record<string, string> = {};
  for (const match of form.split("</form>")[0].matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1] ?? "";
    if (name?.startsWith("$ACTION")) fields[name] = value.replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  }
  return fields;
}

/** A multipart body with a fixed boundary, so the load generator can replay it. */
export function multipart(fields: Record<string, string>): { body: string; contentType: string } {
  const boundary = "----kontorbench" + Math.random().toString(16).slice(2);
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return { body: parts.join("") + `--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}
