import { getTranslations } from "@/lib/i18n/translations";
import { ResellerForm } from "@/components/admin/reseller-form";
import { DeleteButton } from "@/components/reseller/delete-button";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { idParam, orNotFound } from "@/lib/not-found";
import { getResellerOrThrow } from "@/lib/services/resellers/get-reseller";
import { deleteResellerAction, updateResellerAction } from "../actions";
import { EndSubscriptionButton } from "@/components/reseller/end-subscription-button";
import { ResellerCustomers } from "@/components/admin/reseller-customers";
import { displayDomain } from "@/lib/validation/names";
import { listResellerSubscriptions } from "@/lib/services/subscriptions/list-reseller-subscriptions";

export default async function EditResellerPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("admin.manage");
  const id = idParam((await params).id);
  const reseller = await orNotFound(async () => await getResellerOrThrow(actor, id));
  const t = await getTranslations("adminArea");
  const tOrders = await getTranslations("orders");
  const subs = await listResellerSubscriptions(actor, reseller.id);
  return (
    <>
      <PageTitle>{t("editTitle", { name: reseller.name })}</PageTitle>
      <Card title={t("resellersTitle")}>
        {reseller.login && (
          <p className="mb-4 text-sm text-slate-600">
            {t("login")}: <span className="font-mono">{reseller.login}</span> · {t("customers")}: {reseller.customerCount}
          </p>
        )}
        <ResellerForm action={updateResellerAction} reseller={reseller} />
      </Card>
      <Card title={t("subscriptionsTitle")}>
        <p className="mb-3 text-sm text-slate-600">{subs.items.length ? t("subscriptionsHint") : t("noSubscriptions")}</p>
        {subs.total > subs.items.length && (
          <p className="mb-3 text-sm text-slate-600">{t("subscriptionsShown", { shown: subs.items.length, total: subs.total })}</p>
        )}
        <ul className="space-y-3">
          {subs.items.map((s) => (
            <li
              key={s.id}
              aria-label={`${s.customerNumber} ${s.packageName} #${s.id}`}
              className="flex flex-wrap items-end justify-between gap-2 border-t border-slate-100 pt-2"
            >
              <span className="text-sm">
                <span className="font-mono">{s.customerNumber}</span> · {s.packageName} #{s.id} ·{" "}
                {s.domains.map((d) => displayDomain(d.name)).join(", ")} · {tOrders("mailboxCount", { count: s.mailboxes })}
              </span>
              <EndSubscriptionButton contents={s} />
            </li>
          ))}
        </ul>
      </Card>
      <ResellerCustomers actor={actor} resellerId={reseller.id} total={reseller.customerCount} />
      <Card title={t("deleteTitle")}>
        <p className="mb-3 text-sm text-slate-600">{t("deleteHint")}</p>
        <DeleteButton action={deleteResellerAction} fields={{ id: String(reseller.id) }} label={t("delete")} confirm={t("deleteConfirm")} />
      </Card>
    </>
  );
}
