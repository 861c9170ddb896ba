import { inject } from "vitest";

// Before any test module loads: db/schema picks its tables from this (lib/config, KONTOR_DATABASE_URL).
process.env.KONTOR_DATABASE_URL = inject("pgUrl");
