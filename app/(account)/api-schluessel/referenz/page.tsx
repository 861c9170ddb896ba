import { Card, PageTitle } from "@/components/ui/card";
import { API_ROUTES } from "@/lib/api/routes";
import { openApiDocument } from "@/lib/api/openapi";
import { requirePermission } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/translations";

type Operation = {
  operationId: string;
  summary: string;
  "x-kontor-scope": string;
  parameters: { name: string; in: string; required: boolean; schema: unknown }[];
  requestBody?: { content: { "application/json": { schema: unknown } } };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
};

/**
 * The API reference, rendered on the server from the same OpenAPI document /api/v1/openapi.json
 * serves (no external viewer, no CDN): every operation with its scope, parameters, body and answers.
 */
export default async function ApiReferencePage() {
  await requirePermission("apikeys.manage");
  const t = await getTranslations("apiKeys");
  const doc = openApiDocument() as { paths: Record<string, Record<string, Operation>> };
  return (
    <>
      <PageTitle>{t("referenceTitle")}</PageTitle>
      <p className="text-sm text-slate-700">
        {t("referenceIntro")}{" "}
        <a className="font-mono text-blue-700 underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>
      </p>
      {API_ROUTES.map((route) => {
        const op = doc.paths[route.path][route.method.toLowerCase()];
        return (
          <Card key={op.operationId} title={`${route.method} /api/v1${route.path}`}>
            <div className="space-y-3 text-sm" id={op.operationId}>
              <p>{op.summary}</p>
              <p>
                {t("scope")}: <code className="font-mono">{op["x-kontor-scope"]}</code>
              </p>
              {op.parameters.length > 0 && (
                <table className="text-left">
                  <thead>
                    <tr className="text-slate-600">
                      <th className="pr-4 font-normal">{t("parameter")}</th>
                      <th className="pr-4 font-normal">{t("in")}</th>
                      <th className="pr-4 font-normal">{t("required")}</th>
                      <th className="font-normal">{t("schema")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {op.parameters.map((p) => (
                      <tr key={`${p.in}:${p.name}`}>
                        <td className="pr-4 font-mono">{p.name}</td>
                        <td className="pr-4">{p.in}</td>
                        <td className="pr-4">{p.required ? t("yes") : t("no")}</td>
                        <td className="font-mono text-xs">{JSON.stringify(p.schema)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {op.requestBody && (
                <details>
                  <summary className="cursor-pointer">{t("requestBody")}</summary>
                  <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 text-xs">
                    {JSON.stringify(op.requestBody.content["application/json"].schema, null, 2)}
                  </pre>
                </details>
              )}
              <details>
                <summary className="cursor-pointer">{t("responses")}</summary>
                <ul className="mt-2 space-y-1">
                  {Object.entries(op.responses).map(([status, r]) => (
                    <li key={status}>
                      <span className="font-mono">{status}</span> {r.description}
                      {r.content?.["application/json"] && (
                        <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs">
                          {JSON.stringify(r.content["application/json"].schema, null, 2)}
                        </pre>
                      )}
                    </li>
                  ))}
                </ul>
              </details>
            </div>
          </Card>
        );
      })}
    </>
  );
}
