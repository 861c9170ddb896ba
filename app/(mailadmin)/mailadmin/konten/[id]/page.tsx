import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "@/lib/i18n/translations";
import { AccountPasswordForm, QuotaForm } from "@/components/mailadmin/account-forms";
import { ClientMessages } from "@/components/i18n/client-messages";
import { AutoresponderForm } from "@/components/mailbox/autoresponder-form";
import { getMailAccountAutoresponder } from "@/lib/services/autoresponder/mail-account-autoresponder";
import { DeleteButton } from "@/components/reseller/delete-button";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getMailAdminOverview } from "@/lib/services/mail-accounts/mail-admin-overview";
import { mailProgramUserNames } from "@/lib/mail/client-setup/mail-account-login";
import { idParam } from "@/lib/not-found";
import {
  deleteMailAccountAction,
  setMailAccountAutoresponderAction,
  setMailAccountPasswordAction,
  setMailAccountQuotaAction,
} from "../../actions";

export default async function MailAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("mailadmin.manage");
  if (actor.mustChangePassword) redirect("/mailadmin");
  const id = idParam((await params).id);
  // The overview is scoped to the administrator's customer: another customer's account id is a 404.
  const overview = await getMailAdminOverview(actor);
  const account = overview.accounts.find((a) => a.id === id);
  const admin = overview.accounts.find((a) => a.number === 1);
  if (!account) notFound();
  const t = await getTranslations("mailAdmin");
  const tr = await getTranslations("autoresponder");
  const reply = await getMailAccountAutoresponder(actor, account.id);
  return (
    <ClientMessages area="(mailadmin)/konten">
      <PageTitle>{account.login}</PageTitle>
      <p className="text-sm">
        <Link className="text-brand-700 underline" href="/mailadmin">
          {t("back")}
        </Link>
      </p>
      <Card title={t("addressesTitle")}>
        {account.addresses.length ? (
          <ul className="list-disc pl-5 text-sm">
            {account.addresses.map((a) => (
              <li key={a.id}>{a.address}</li>
            ))}
          </ul>
        ) : (
          <p className="text-sm">{t("noAddresses")}</p>
        )}
      </Card>
      <Card title={t("loginTitle")}>
        <p className="text-sm font-medium">{t("loginNames")}</p>
        <ul className="mb-3 list-disc pl-5 font-mono text-sm">
          {mailProgramUserNames(account).map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
        <p className="text-sm text-slate-600">{t("accountUse", { admin: admin?.login ?? account.login })}</p>
      </Card>
      <Card title={t("passwordTitle")}>
        <p className="mb-3 text-sm text-slate-600">{t("passwordIntro")}</p>
        <AccountPasswordForm
          action={setMailAccountPasswordAction}
          accountId={account.id}
          login={account.login}
          own={account.id === actor.id}
        />
      </Card>
      <Card title={t("quotaTitle")}>
        <QuotaForm
          action={setMailAccountQuotaAction}
          accountId={account.id}
          quotaMb={account.quotaMb}
          maxQuotaMb={overview.allowance.quotaMb}
        />
      </Card>
      <Card title={tr("title")}>
        <p className="mb-3 text-sm text-slate-600">{t("autoresponderIntro")}</p>
        <AutoresponderForm action={setMailAccountAutoresponderAction} values={reply} target={{ accountId: account.id }} />
      </Card>
      <Card title={t("deleteTitle")}>
        {account.number === 1 ? (
          <p className="text-sm text-slate-600">{t("adminCannotBeDeleted")}</p>
        ) : (
          <DeleteButton
            action={deleteMailAccountAction}
            fields={{ accountId: String(account.id) }}
            label={t("deleteAccount")}
            confirm={t("deleteConfirm", { login: account.login })}
          />
        )}
      </Card>
    </ClientMessages>
  );
}
