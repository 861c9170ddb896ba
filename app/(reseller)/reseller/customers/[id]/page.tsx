import { getTranslations } from "@/lib/i18n/translations";
import { CustomerForm } from "@/components/reseller/customer-form";
import { AddDomainForm, MoveDomainForm, OrderPackageForm } from "@/components/reseller/order-forms";
import { UsageCell } from "@/components/reseller/usage-cell";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getCustomerOrThrow } from "@/lib/services/customers/get-customer";
import { idParam, orNotFound } from "@/lib/not-found";
import { listPackagesForReseller } from "@/lib/services/packages/list-packages-for-reseller";
import { DeleteButton } from "@/components/reseller/delete-button";
import { addDomainAction, deleteCustomerAction, moveDomainAction, orderPackageAction, updateCustomerAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";
import { EndSubscriptionButton } from "@/components/reseller/end-subscription-button";
import { getSubscriptionContents, type SubscriptionContents } from "@/lib/services/subscriptions/subscription-contents";

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("reseller.manage");
  const id = idParam((await params).id);
  const { customer, subscriptions, mailAccounts } = await orNotFound(async () => await getCustomerOrThrow(actor, id));
  const t = await getTranslations();
  const packages = (await listPackagesForReseller(actor)).map((p) => ({
    value: String(p.id),
    label: `${p.name} (${t(`panelKind.${p.panel}`)})`,
  }));
  const label = (s: (typeof subscriptions)[number]) => `${s.packageName} #${s.id}`;
  // What "Vertrag beenden" would delete, for its confirmation (a customer has a handful of subscriptions).
  const contents = new Map(await Promise.all(subscriptions.map(async (s) => [s.id, await getSubscriptionContents(actor, s.id)] as const)));
  return (
    <ClientMessages area="(reseller)/customers">
      <>
        <PageTitle>
          {customer.customerNumber} · {customer.company ?? customer.contactName}
        </PageTitle>
        <Card title={t("orders.subscriptionsTitle")}>
          {subscriptions.length === 0 ? (
            <p className="mb-4 text-sm text-slate-600">{t("orders.noSubscriptions")}</p>
          ) : (
            <p className="mb-4 text-sm text-slate-600">{t("orders.endHint")}</p>
          )}
          <div className="space-y-6">
            {subscriptions.map((s) => (
              <section key={s.id} aria-label={label(s)} className="rounded border border-slate-200 p-4">
                <h3 className="font-semibold">
                  {label(s)} <span className="text-sm font-normal text-slate-500">{t(`panelKind.${s.panel}`)}</span>
                </h3>
                <table className="mt-2 w-full text-left text-sm">
                  <thead className="text-slate-500">
                    <tr>
                      <th className="py-1">{t("orders.usage")}</th>
                      <th>{t("orders.used")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <UsageCell label={t("tariffs.maxDomains")} used={s.usage.domains} max={s.maxDomains} />
                    {s.panel === "none" ? (
                      <UsageCell label={t("orders.mailAccounts")} used={mailAccounts.accounts} max={mailAccounts.allowance.maxAccounts} />
                    ) : (
                      <UsageCell label={t("tariffs.maxMailboxes")} used={s.usage.mailboxes} max={s.maxMailboxes} />
                    )}
                    <UsageCell label={t("tariffs.maxForwards")} used={s.usage.forwards} max={s.maxForwards} />
                  </tbody>
                </table>
                <ul className="mt-3 space-y-3">
                  {s.domains.map((d) => (
                    <li key={d.id} className="flex flex-wrap items-end justify-between gap-2 border-t border-slate-100 pt-2">
                      <span className="font-medium">
                        {d.displayName}{" "}
                        <span className="text-xs text-slate-500">{t("orders.mailboxCount", { count: d.mailboxCount })}</span>
                      </span>
                      <MoveDomainForm
                        action={moveDomainAction}
                        domainId={d.id}
                        targets={subscriptions.filter((o) => o.id !== s.id).map((o) => ({ value: String(o.id), label: label(o) }))}
                      />
                    </li>
                  ))}
                </ul>
                <div className="mt-3">
                  <AddDomainForm action={addDomainAction} subscriptionId={s.id} />
                </div>
                {contents.has(s.id) && (
                  <div className="mt-4 border-t border-slate-100 pt-3">
                    <EndSubscriptionButton contents={contents.get(s.id) as SubscriptionContents} />
                  </div>
                )}
              </section>
            ))}
          </div>
        </Card>
        <Card title={t("orders.orderTitle")}>
          {packages.length ? (
            <OrderPackageForm action={orderPackageAction} customerId={customer.id} packages={packages} />
          ) : (
            <p className="text-sm">{t("tariffs.empty")}</p>
          )}
        </Card>
        <Card title={t("customersAdmin.stammdaten")}>
          <CustomerForm action={updateCustomerAction} customer={customer} />
        </Card>
        <Card title={t("customersAdmin.deleteTitle")}>
          <p className="mb-3 text-sm text-slate-600">{t("customersAdmin.deleteHint")}</p>
          <DeleteButton
            action={deleteCustomerAction}
            fields={{ id: String(customer.id) }}
            label={t("customersAdmin.delete")}
            confirm={t("customersAdmin.deleteConfirm")}
          />
        </Card>
      </>
    </ClientMessages>
  );
}
