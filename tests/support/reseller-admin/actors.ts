/** The new password the reseller, customer and E-Mail-Administration tests set; it passes the policy. */
export const NEW_PASSWORD = "Ruhige-Tannen-Allee-73?";
