import { z } from "zod";
import type { ApiRoute } from "./define-route";
import { PROBLEM_KINDS } from "./problem";
import { API_ROUTES } from "./routes";
import { ALL_SCOPES } from "./scopes";

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 of what a caller sends (input side of transforms and defaults). */
function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return rest;
}
function outputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as JsonSchema;
  return rest;
}

/** Path and query parameters from an object schema's properties. */
function parameters(schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const json = inputSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    schema: s,
  }));
}

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

/** A file upload: the same file as such (its media types) or as the `file` part of a form. */
function uploadBody(upload: NonNullable<ApiRoute["upload"]>) {
  const file = { type: "string", contentMediaType: "text/csv", description: upload.description };
  return {
    required: true,
    content: {
      ...Object.fromEntries(upload.types.map((t) => [t, { schema: { ...file, contentMediaType: t } }])),
      "multipart/form-data": { schema: { type: "object", required: ["file"], properties: { file } } },
    },
  };
}

function operation(route: ApiRoute) {
  const scope = route.resource ? `${route.resource}:${route.access}` : "any";
  const responses: Record<string, unknown> = {
    [String(route.successStatus)]: route.download
      ? {
          description: route.download.description,
          content: Object.fromEntries(route.download.types.map((t) => [t, { schema: { type: "string", contentMediaType: t } }])),
        }
      : route.successStatus === 204 || !route.response
        ? { description: "Done" }
        : { description: "Success", content: { "application/json": { schema: outputSchema(route.response) } } },
    "401": problem("Missing, unknown, expired or revoked API key"),
    "403": problem("The key lacks the scope, or its owner the permission"),
    "429": problem("Rate limit of the key reached; see Retry-After"),
  };
  if (route.params) responses["404"] = problem("No such record in the caller's scope (another tenant's id included)");
  if (route.body || route.query || route.upload) responses["422"] = problem("Invalid input: per-field errors in the caller's language");
  if (route.refusal) {
    const schema = { allOf: [{ $ref: "#/components/schemas/Problem" }, outputSchema(route.refusal.members)] };
    responses["422"] = {
      description: `Invalid input, or ${route.refusal.description}`,
      content: { "application/problem+json": { schema } },
    };
  }
  if (route.method === "POST") responses["409"] = problem("Conflict: a name already taken, or the same Idempotency-Key still running");
  else if (route.conflicts) responses["409"] = problem(route.conflicts);
  if (route.conditional) {
    responses["412"] = problem("If-Match does not name the current ETag: the record changed since it was read");
    responses["428"] = problem("If-Match is missing: read the record first and send its ETag");
  }
  const headers = [
    {
      name: "Accept-Language",
      in: "header",
      required: false,
      schema: { type: "string" },
      description: "de (default), en or it: language of problem texts",
    },
    ...(route.method === "POST"
      ? [
          {
            name: "Idempotency-Key",
            in: "header",
            required: false,
            schema: { type: "string", maxLength: 200 },
            description: "Replays the first answer for 24 h",
          },
        ]
      : []),
    ...(route.conditional
      ? [
          {
            name: "If-Match",
            in: "header",
            required: true,
            schema: { type: "string" },
            description: 'ETag of the last read (GET); "*" knowingly changes whatever version is current',
          },
        ]
      : []),
  ];
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.resource ?? "key"],
    security: [{ apiKey: route.resource ? [scope] : [] }],
    "x-kontor-scope": scope,
    parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query"), ...headers],
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: inputSchema(route.body) } } } } : {}),
    ...(route.upload ? { requestBody: uploadBody(route.upload) } : {}),
    responses,
  };
}

let cached: JsonSchema | undefined;

/** The OpenAPI 3.1 description of /api/v1, generated from the route list and its zod schemas. */
export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    paths[route.path] ??= {};
    paths[route.path][route.method.toLowerCase()] = operation(route);
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Kontor API",
      version: "1.0.0",
      description:
        "Automation of the Kontor mail-hosting panel. Every call acts as the API key's owner through the panel's own services: it can do nothing the owner could not do in the panel.",
    },
    servers: [{ url: "/api/v1" }],
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: `API key from the panel ("API-Schlüssel"). Scopes: ${ALL_SCOPES.join(", ")}`,
        },
      },
      schemas: {
        Problem: {
          type: "object",
          description: "RFC 9457 problem details",
          properties: {
            type: { type: "string", format: "uri", enum: Object.keys(PROBLEM_KINDS).map((k) => `https://kontor.example/problems/${k}`) },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            errors: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  field: { type: "string" },
                  codes: { type: "array", items: { type: "string" } },
                  messages: { type: "array", items: { type: "string" } },
                },
                required: ["field", "codes", "messages"],
              },
            },
          },
          required: ["type", "title", "status"],
        },
      },
    },
  };
  return cached;
}
