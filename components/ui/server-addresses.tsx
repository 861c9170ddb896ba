import { getTranslations } from "@/lib/i18n/translations";
import type { ServerSettings } from "@/lib/services/settings/server-settings";
import { Card } from "./card";

/**
 * IMAP and SMTP settings as the admin configured them, for setting up mail programs. `username` says
 * what logs in where that is not the mailbox's full address (the E-Mail-Administration's accounts).
 */
export async function ServerAddresses({ settings, username }: { settings: ServerSettings; username?: string }) {
  const t = await getTranslations("server");
  const rows = [
    { label: t("incoming"), host: settings.imapHost, port: settings.imapPort, enc: settings.imapEncryption },
    { label: t("outgoing"), host: settings.smtpHost, port: settings.smtpPort, enc: settings.smtpEncryption },
  ];
  return (
    <Card title={t("title")}>
      <p className="mb-3 text-sm text-slate-600">{t("intro")}</p>
      <table className="w-full text-left text-sm">
        <thead className="text-slate-500">
          <tr>
            <th className="py-1"></th>
            <th>{t("host")}</th>
            <th>{t("port")}</th>
            <th>{t("encryption")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className="border-t border-slate-100">
              <th scope="row" className="py-2 font-medium">
                {r.label}
              </th>
              <td className="font-mono">{r.host}</td>
              <td className="font-mono">{r.port}</td>
              <td>{t(r.enc)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-sm text-slate-600">
        {t("username")}: {username ?? t("usernameValue")}
      </p>
    </Card>
  );
}
