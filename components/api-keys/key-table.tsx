import { DeleteButton } from "@/components/reseller/delete-button";
import type { FormAction } from "@/components/form/use-form";
import type { ApiKeyState } from "@/lib/services/api-keys/key-state";
import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { getTranslations } from "@/lib/i18n/translations";

type KeyRow = {
  id: number;
  owner?: string;
  name: string;
  publicId: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  state: ApiKeyState;
};

/** API keys as a table with "Widerrufen" per active key; with an owner column for others' keys. Never the secret. */
export async function KeyTable({ keys, revoke, withOwner = false }: { keys: KeyRow[]; revoke: FormAction; withOwner?: boolean }) {
  const t = await getTranslations("apiKeys");
  const formatTime = await getTimeFormatter();
  const STATE_TEXT = { active: t("stateActive"), revoked: t("stateRevoked"), expired: t("stateExpired") };
  const head = "py-2 pr-3 font-normal";
  return (
    <table className="w-full text-left text-sm">
      <thead>
        <tr className="border-b border-slate-200 text-slate-600">
          {withOwner && <th className={head}>{t("owner")}</th>}
          <th className={head}>{t("name")}</th>
          <th className={head}>{t("keyStart")}</th>
          <th className={head}>{t("scopes")}</th>
          <th className={head}>{t("created")}</th>
          <th className={head}>{t("expires")}</th>
          <th className={head}>{t("lastUsed")}</th>
          <th className={head}>{t("state")}</th>
          <th className="py-2 font-normal" />
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k.id} className="border-b border-slate-100 align-top" data-testid="api-key-row">
            {withOwner && <td className="py-2 pr-3 break-all">{k.owner}</td>}
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
                  action={revoke}
                  fields={{ keyId: String(k.id) }}
                  label={t("revoke")}
                  confirm={
                    withOwner ? t("revokeOthersConfirm", { name: k.name, owner: k.owner ?? "" }) : t("revokeConfirm", { name: k.name })
                  }
                />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
