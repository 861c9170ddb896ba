import type { ApiRoute } from "../define-route";
import { aliasRoutes } from "./aliases";
import { customerRoutes } from "./customers";
import { domainRoutes } from "./domains";
import { exportRoutes } from "./exports";
import { importRoutes } from "./imports";
import { mailboxRoutes } from "./mailboxes";
import { packageRoutes } from "./packages";
import { recordRoutes } from "./records";
import { resellerRoutes } from "./resellers";
import { subscriptionRoutes } from "./subscriptions";

/** Every operation of /api/v1; the router and the OpenAPI description both read this list. */
export const API_ROUTES: ApiRoute[] = [
  ...mailboxRoutes,
  ...aliasRoutes,
  ...domainRoutes,
  ...customerRoutes,
  ...subscriptionRoutes,
  ...packageRoutes,
  ...resellerRoutes,
  ...recordRoutes,
  ...importRoutes,
  ...exportRoutes,
];
