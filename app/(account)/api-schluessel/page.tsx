import { ApiKeyForm } from "@/components/api-keys/api-key-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { DeleteButton } from "@/components/reseller/delete-button";
import { Card, PageTitle } from "@/components/ui/card";
import { READ_ONLY_RESOURCES, RESOURCE_NAMES, scopesFor } from "@/lib/api/scopes";
import { requirePermission } from "@/lib/auth/session";
import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { getTranslations } from "@/lib/i18n/translations";
import { listApiKeys } from "@/lib/services/api-keys/manage-api-keys";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

/** "API-Schlüssel": the user's own keys for /api/v1 and the `kontor` command, and a new one. */
export default async function ApiKeysPage() {
  const actor = await requirePermission("apikeys.manage");
  const t = await getTranslations("apiKeys");
  const formatTime = await getTimeFormatter();
  const keys = await listApiKeys(actor);
  const allowed = scopesFor(actor);
  const resources = RESOURCE_NAMES.map((name) => ({
    name,
    access: (READ_ONLY_RESOURCES.includes(name) ? (["read"] as const) : (["read", "write"] as const)).filter((a) =>
      allowed.includes(`${name}:${a}`),
    ),
  })).filter((r) => r.access.length > 0);
  const STATE_TEXT = { active: t("stateActive"), revoked: t("stateRevoked"), expired: t("stateExpired") };
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
        {keys.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th className="py-2 pr-3 font-normal">{t("name")}</th>
                <th className="py-2 pr-3 font-normal">{t("keyStart")}</th>
                <th className="py-2 pr-3 font-normal">{t("scopes")}</th>
                <th className="py-2 pr-3 font-normal">{t("created")}</th>
                <th className="py-2 pr-3 font-normal">{t("expires")}</th>
                <th className="py-2 pr-3 font-normal">{t("lastUsed")}</th>
                <th className="py-2 pr-3 font-normal">{t("state")}</th>
                <th className="py-2 font-normal" />
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id} className="border-b border-slate-100 align-top" data-testid="api-key-row">
                  <td className="py-2 pr-3 font-medium">{k.name}</td>
                  <td className="py-2 pr-3 font-mono">kontor_{k.publicId}_…</td>
                  <td className="py-2 pr-3">{k.scopes.join(", ")}</td>
                  <td className="py-2 pr-3">{formatTime(k.createdAt)}</td>
                  <td className="py-2 pr-3">{k.expiresAt ? formatTime(k.expiresAt) : t("never")}</td>
                  <td className="py-2 pr-3">{k.lastUsedAt ? formatTime(k.lastUsedAt) : t("notYet")}</td>
                  <td className="py-2 pr-3">{STATE_TEXT[k.state]}</td>
                  <td className="py-2">
                    {!k.revokedAt && (
                      <DeleteButton
                        action={revokeApiKeyAction}
                        fields={{ keyId: String(k.id) }}
                        label={t("revoke")}
                        confirm={t("revokeConfirm", { name: k.name })}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title={t("newTitle")}>
        <ApiKeyForm action={createApiKeyAction} resources={resources} />
      </Card>
    </ClientMessages>
  );
}
