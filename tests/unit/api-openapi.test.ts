/**
 * The OpenAPI description is generated from the route list and its zod schemas: every operation is
 * in it once, every path parameter is declared, every request body is a schema, and every operation
 * names its scope and the problems it can answer with.
 */
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { API_ROUTES } from "@/lib/api/routes";
import { ALL_SCOPES } from "@/lib/api/scopes";

type Operation = {
  operationId: string;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, unknown>;
  "x-kontor-scope": string;
};
const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, Operation>> };

describe("OpenAPI 3.1 description of /api/v1", () => {
  it("is version 3.1 and has exactly the routed operations, each operationId once", () => {
    expect(doc.openapi).toBe("3.1.0");
    const described = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(described.sort()).toEqual(API_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(API_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s declares parameters, body, scope and problems",
    (_name, route) => {
      const op = doc.paths[route.path][route.method.toLowerCase()];
      for (const name of [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
        expect(op.parameters.some((p) => p.in === "path" && p.name === name && p.required)).toBe(true);
      }
      if (route.body) expect(op.requestBody?.content["application/json"].schema.type).toBeDefined();
      expect(op.responses).toHaveProperty("401");
      expect(op.responses).toHaveProperty("429");
      expect(op.responses).toHaveProperty(String(route.successStatus));
      if (route.resource) expect(ALL_SCOPES).toContain(op["x-kontor-scope"]);
      else expect(op["x-kontor-scope"]).toBe("any");
    },
  );

  it("describes the create body from the same schema the API validates with", () => {
    const body = doc.paths["/mailboxes"].post.requestBody?.content["application/json"].schema as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(Object.keys(body.properties).sort()).toEqual(["address", "password", "quotaMb"]);
    expect(body.required).toEqual(expect.arrayContaining(["address", "password"]));
    expect(body.additionalProperties).toBe(false);
  });

  it("requires If-Match (428, 412) on every change of an existing record; only the write-only password is exempt", () => {
    const changes = API_ROUTES.filter((r) => r.method !== "GET" && r.method !== "POST");
    const exempt = changes.filter((r) => !r.conditional).map((r) => r.operationId);
    expect(exempt).toEqual(["setMailboxPassword"]);
    for (const route of changes.filter((r) => r.conditional)) {
      const op = doc.paths[route.path][route.method.toLowerCase()];
      expect(
        op.parameters.find((p) => p.name === "If-Match"),
        route.operationId,
      ).toMatchObject({ in: "header", required: true });
      expect(op.responses, route.operationId).toHaveProperty("428");
      expect(op.responses, route.operationId).toHaveProperty("412");
    }
  });

  it("offers Idempotency-Key on every POST, uploads too, and describes the import's refusal with its report", () => {
    for (const route of API_ROUTES.filter((r) => r.method === "POST")) {
      const op = doc.paths[route.path].post;
      expect(
        op.parameters.map((p) => p.name),
        route.operationId,
      ).toContain("Idempotency-Key");
    }
    const refusal = doc.paths["/imports"].post.responses["422"] as {
      content: Record<string, { schema: { allOf: { properties?: Record<string, unknown> }[] } }>;
    };
    const members = refusal.content["application/problem+json"].schema.allOf[1].properties ?? {};
    expect(Object.keys(members)).toEqual(["report"]);
  });
});
