import Link from "next/link";
import { getTranslations } from "@/lib/i18n/translations";
import { ResellerForm } from "@/components/admin/reseller-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { listResellers } from "@/lib/services/resellers/list-resellers";
import { createResellerAction } from "./actions";

export default async function ResellersPage() {
  const actor = await requirePermission("admin.manage");
  const t = await getTranslations("adminArea");
  const rows = await listResellers(actor);
  return (
    <>
      <PageTitle>{t("resellersTitle")}</PageTitle>
      <Card title={t("resellersList")}>
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1">{t("name")}</th>
              <th>{t("customers")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="py-2">
                  <Link href={`/admin/resellers/${r.id}`} className="text-brand-700 underline">
                    {r.name}
                  </Link>
                </td>
                <td>{r.customerCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title={t("newReseller")}>
        <ResellerForm action={createResellerAction} />
      </Card>
    </>
  );
}
