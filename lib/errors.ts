import type { FieldMessages } from "@/lib/i18n/message-ref";

/** Typed service errors; the action wrapper maps them to form state, pages map NotFound to 404. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: FieldMessages,
  ) {
    super(message);
  }
}

/** Missing and foreign records look the same, so ids cannot be probed across tenants. */
export class NotFoundError extends ServiceError {
  constructor() {
    super("errors.notFound");
  }
}

export class ForbiddenError extends ServiceError {
  constructor() {
    super("errors.forbidden");
  }
}

/** Input that passed the schema but breaks a business rule; messages are i18n keys. */
export class ValidationError extends ServiceError {}

/**
 * The request is well-formed but the record's state refuses it (a package still in use): the panel
 * shows it like any refusal, the API answers 409 instead of 422.
 */
export class ConflictError extends ValidationError {}

export class UnauthenticatedError extends ServiceError {
  constructor() {
    super("errors.unauthenticated");
  }
}
