import type { ApiRoute } from "../define-route";
import { mailboxRoutes } from "./mailboxes";
import { recordRoutes } from "./records";
import { tenantRoutes } from "./tenants";

/** Every operation of /api/v1; the router and the OpenAPI description both read this list. */
export const API_ROUTES: ApiRoute[] = [...mailboxRoutes, ...tenantRoutes, ...recordRoutes];
