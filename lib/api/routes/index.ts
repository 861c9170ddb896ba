import type { ApiRoute } from "../define-route";
import { aliasRoutes } from "./aliases";
import { mailboxRoutes } from "./mailboxes";
import { recordRoutes } from "./records";
import { tenantRoutes } from "./tenants";

/** Every operation of /api/v1; the router and the OpenAPI description both read this list. */
export const API_ROUTES: ApiRoute[] = [...mailboxRoutes, ...aliasRoutes, ...tenantRoutes, ...recordRoutes];
