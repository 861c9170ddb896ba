import { getTranslations } from "@/lib/i18n/translations";
import { deleteCustomerAction } from "@/app/(reseller)/reseller/customers/actions";
import { DeleteButton } from "@/components/reseller/delete-button";
import { Card } from "@/components/ui/card";
import type { Actor } from "@/lib/authz/actor";
import { listCustomers } from "@/lib/services/customers/list-customers";

/**
 * The administration's list of a reseller's customers (first page), each with "Kunden löschen". The
 * service refuses a customer that still has subscriptions (ended above first); the confirmation
 * names the customer and what goes with it, its login and its tickets.
 */
export async function ResellerCustomers({ actor, resellerId, total }: { actor: Actor; resellerId: number; total: number }) {
  const t = await getTranslations("adminArea");
  const page = await listCustomers(actor, { resellerId });
  return (
    <Card title={t("customersTitle")}>
      <p className="mb-3 text-sm text-slate-600">{page.items.length ? t("customersHint") : t("noCustomers")}</p>
      {total > page.items.length && (
        <p className="mb-3 text-sm text-slate-600">{t("customersShown", { shown: page.items.length, total })}</p>
      )}
      <ul className="space-y-3">
        {page.items.map((c) => {
          const name = c.company ?? c.contactName;
          return (
            <li
              key={c.id}
              aria-label={`${c.customerNumber} ${name}`}
              className="flex flex-wrap items-end justify-between gap-2 border-t border-slate-100 pt-2"
            >
              <span className="text-sm">
                <span className="font-mono">{c.customerNumber}</span> · {name} · {t("customerSubscriptions", { count: c.subscriptions })}
              </span>
              <DeleteButton
                action={deleteCustomerAction}
                fields={{ id: String(c.id) }}
                label={t("deleteCustomer")}
                confirm={t("deleteCustomerConfirm", { number: c.customerNumber, name, tickets: c.tickets })}
              />
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
