import { getTranslations } from "@/lib/i18n/translations";
import { AddForwardForm, KeepCopyForm } from "@/components/mailbox/forward-forms";
import { RemoveButton } from "@/components/mailbox/remove-button";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getOwnForwarding } from "@/lib/services/mailbox-settings/forwards";
import { displayAddress } from "@/lib/validation/names";
import { addForwardAction, removeForwardAction, setKeepCopyAction } from "../actions";

export default async function MailboxForwardsPage() {
  const actor = await requirePermission("mailbox.self");
  const t = await getTranslations("mailboxSettings.forwards");
  const fw = await getOwnForwarding(actor);
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      {!fw.enabled && (
        <p role="note" className="rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {t("disabled")}
        </p>
      )}
      <Card title={t("listTitle")}>
        <p className="mb-3 text-sm text-slate-700">{t("intro")}</p>
        {fw.targets.length === 0 ? (
          <p className="text-sm text-slate-500">{t("none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {fw.targets.map((f) => (
              <li key={f.id} className="flex items-center justify-between py-2">
                <span className="font-mono text-sm">{displayAddress(f.target)}</span>
                <RemoveButton
                  action={removeForwardAction}
                  id={f.id}
                  label={t("remove")}
                  accessibleLabel={t("removeTarget", { target: displayAddress(f.target) })}
                />
              </li>
            ))}
          </ul>
        )}
        {fw.maxForwards !== null && <p className="mt-3 text-xs text-slate-500">{t("limit", { max: fw.maxForwards })}</p>}
      </Card>
      {fw.enabled && (
        <Card title={t("addTitle")}>
          <AddForwardForm action={addForwardAction} />
        </Card>
      )}
      <Card title={t("keepCopyTitle")}>
        <KeepCopyForm action={setKeepCopyAction} keepCopy={fw.keepCopy} />
      </Card>
    </>
  );
}
