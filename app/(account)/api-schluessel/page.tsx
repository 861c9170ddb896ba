import { ApiKeyForm } from "@/components/api-keys/api-key-form";
import { KeyTable } from "@/components/api-keys/key-table";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card, PageTitle } from "@/components/ui/card";
import { READ_ONLY_RESOURCES, RESOURCE_NAMES, scopesFor } from "@/lib/api/scopes";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { getTranslations } from "@/lib/i18n/translations";
import { listApiKeys } from "@/lib/services/api-keys/manage-api-keys";
import { listTenantApiKeys, TENANT_KEYS_SHOWN } from "@/lib/services/api-keys/tenant-api-keys";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

/**
 * "API-Schlüssel": the user's own keys for /api/v1 and the `kontor` command, and a new one; for the
 * administration and resellers also the keys of the accounts they look after, to revoke a leaked one.
 */
export default async function ApiKeysPage() {
  const actor = await requirePermission("apikeys.manage");
  const t = await getTranslations("apiKeys");
  const keys = await listApiKeys(actor);
  const others = can(actor, "apikeys.manageOthers") ? await listTenantApiKeys(actor) : undefined;
  const allowed = scopesFor(actor);
  const resources = RESOURCE_NAMES.map((name) => ({
    name,
    access: (READ_ONLY_RESOURCES.includes(name) ? (["read"] as const) : (["read", "write"] as const)).filter((a) =>
      allowed.includes(`${name}:${a}`),
    ),
  })).filter((r) => r.access.length > 0);
  return (
    <ClientMessages area="(account)/api-schluessel">
      <PageTitle>{t("title")}</PageTitle>
      <p className="text-sm text-slate-700">
        {t("intro")}{" "}
        <a className="text-blue-700 underline" href="/api-schluessel/referenz">
          {t("referenceLink")}
        </a>
      </p>
      <Card title={t("listTitle")}>
        {keys.length === 0 ? <p className="text-sm text-slate-600">{t("none")}</p> : <KeyTable keys={keys} revoke={revokeApiKeyAction} />}
      </Card>
      <Card title={t("newTitle")}>
        <ApiKeyForm action={createApiKeyAction} resources={resources} />
      </Card>
      {others && (
        <Card title={t("othersTitle")}>
          <p className="mb-3 text-sm text-slate-600">{t("othersIntro", { count: TENANT_KEYS_SHOWN })}</p>
          {others.length === 0 ? (
            <p className="text-sm text-slate-600">{t("othersNone")}</p>
          ) : (
            <KeyTable keys={others} revoke={revokeApiKeyAction} withOwner />
          )}
        </Card>
      )}
    </ClientMessages>
  );
}
