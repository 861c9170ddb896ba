import { getTranslations } from "@/lib/i18n/translations";
import { Card } from "@/components/ui/card";
import { autodiscoverUrl } from "@/lib/mail/client-setup/account";
import { phoneSetupText, qrDataUrl } from "@/lib/mail/client-setup/qr";
import type { ServerSettings } from "@/lib/services/settings/server-settings";

/** How the page was reached: right after a password change, or to set up a program ("Serveradressen"). */
export type SetupReason = "passwordChanged" | "setup";
type Props = { address: string; displayAddress: string; settings: ServerSettings; reason: SetupReason };

/**
 * After a password change: which programs need the new password. Otherwise: how a program logs in
 * and is set up. Then the automatic set-up offers (no password anywhere).
 */
export async function ClientSetupCards({ address, displayAddress, settings, reason }: Props) {
  const t = await getTranslations("clientSetup");
  const base = settings.publicUrl.replace(/\/+$/, "");
  const outlook = autodiscoverUrl(settings);
  const autoconfig = `${base}/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(address)}`;
  const qr = await qrDataUrl(phoneSetupText(address, settings));
  return (
    <>
      {reason === "passwordChanged" ? (
        <Card title={t("programsTitle")}>
          <p className="mb-3 text-sm text-slate-700">{t("programsIntro")}</p>
          <Logins settings={settings} />
          <h3 className="mb-1 font-medium">{t("thunderbirdTitle")}</h3>
          <ol className="mb-3 list-decimal space-y-1 pl-5 text-sm">
            <li>{t("thunderbirdStep1")}</li>
            <li>{t("thunderbirdStep2")}</li>
            <li>{t("thunderbirdStep3")}</li>
            <li>{t("thunderbirdStep4")}</li>
          </ol>
          <p className="text-sm text-slate-700">{t("otherPrograms")}</p>
        </Card>
      ) : (
        <Card title={t("programsTitleSetup")}>
          <p className="mb-3 text-sm text-slate-700">{t("programsIntroSetup", { address: displayAddress })}</p>
          <Logins settings={settings} />
          <h3 className="mb-1 font-medium">{t("thunderbirdTitle")}</h3>
          <ol className="mb-3 list-decimal space-y-1 pl-5 text-sm">
            <li>{t("thunderbirdSetupStep1")}</li>
            <li>{t("thunderbirdSetupStep2", { address: displayAddress })}</li>
            <li>{t("thunderbirdSetupStep3")}</li>
          </ol>
          <p className="text-sm text-slate-700">{t("otherProgramsSetup")}</p>
        </Card>
      )}
      <Card title={t("automaticTitle")}>
        <p className="mb-3 text-sm text-slate-700">{t("automaticIntro", { address: displayAddress })}</p>
        <dl className="grid gap-3 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium">Thunderbird</dt>
          <dd>
            {t("thunderbirdAuto")}{" "}
            <a className="break-all font-mono text-xs text-brand-700 underline" href={autoconfig}>
              {t("showFile")}
            </a>
          </dd>
          <dt className="font-medium">Outlook</dt>
          <dd>
            {outlook ? (
              <>
                {t("outlookAuto")} <span className="font-mono text-xs">{outlook}</span>
              </>
            ) : (
              t("outlookNoHttps")
            )}
          </dd>
          <dt className="font-medium">{t("appleTitle")}</dt>
          <dd>
            <a href="/mailbox/setup/profile" download className="inline-block rounded bg-brand-600 px-3 py-1 text-white hover:bg-brand-700">
              {t("appleDownload")}
            </a>
            <p className="mt-1 text-slate-600">{t("appleHint")}</p>
          </dd>
          <dt className="font-medium">{t("phoneTitle")}</dt>
          <dd className="flex flex-wrap items-start gap-4">
            {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL, nothing to optimise */}
            <img src={qr} width={180} height={180} alt={t("qrAlt")} className="rounded border border-slate-200" />
            <p className="max-w-xs text-slate-600">{t("phoneHint")}</p>
          </dd>
        </dl>
      </Card>
    </>
  );
}

/** The two separate logins of every mail program: receiving (IMAP) and sending (SMTP). */
async function Logins({ settings }: { settings: ServerSettings }) {
  const t = await getTranslations("clientSetup");
  return (
    <ul className="mb-4 list-disc space-y-1 pl-5 text-sm">
      <li>
        <strong>{t("receiving")}</strong> – {t("receivingText", { host: settings.imapHost })}
      </li>
      <li>
        <strong>{t("sending")}</strong> – {t("sendingText", { host: settings.smtpHost })}
      </li>
    </ul>
  );
}
