import { WebmailLink } from "@/components/mail/webmail-link";
import { webmailUrl } from "@/lib/config";
import { getTranslations } from "@/lib/i18n/translations";
import type { PanelMailbox } from "@/lib/services/mailboxes/get-panel-mailbox";
import { ServiceIcons } from "./service-icons";
import { serviceLabels } from "./service-labels";

/** Status, quota, services and forwarding targets of one address (no secrets: the hash never gets here). */
export async function MailboxInfo({ mailbox }: { mailbox: PanelMailbox }) {
  const t = await getTranslations("panel");
  const labels = await serviceLabels();
  return (
    <dl className="grid grid-cols-[12rem_1fr] gap-y-1.5 text-[13px]">
      <dt className="text-slate-600">{t("status")}</dt>
      <dd>{mailbox.enabled ? t("statusOn") : t("statusOff")}</dd>
      <dt className="text-slate-600">{t("quota")}</dt>
      <dd>{mailbox.quotaMb === null ? t("unlimited") : t("quotaValue", { mb: mailbox.quotaMb })}</dd>
      <dt className="text-slate-600">{t("servicesColumn")}</dt>
      <dd>
        <ServiceIcons
          services={{ mailbox: mailbox.enabled, forwarding: mailbox.forwardTargets.length > 0, spamFilter: mailbox.spamFilterOn }}
          labels={labels}
        />
      </dd>
      <dt className="text-slate-600">{t("forwardsTo")}</dt>
      <dd>{mailbox.forwardTargets.length ? mailbox.forwardTargets.join(", ") : t("noForwards")}</dd>
      {webmailUrl() && (
        <>
          <dt className="text-slate-600">{t("webmail")}</dt>
          <dd>
            <WebmailLink address={mailbox.address} label={t("webmailOpen")} />
          </dd>
        </>
      )}
    </dl>
  );
}
