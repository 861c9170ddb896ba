import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { authSecret } from "@/lib/config";
import { redeemLoginGrant } from "./login-grants";
import { loadActor } from "./principals";
import { newSessionId, SESSION_MAX_AGE_S } from "./revoked-sessions";
import { type SessionPrincipal, toSessionPrincipal } from "./session-principal";

export type { SessionPrincipal };

declare module "next-auth" {
  interface Session {
    principal?: SessionPrincipal;
  }
  interface User {
    principal?: SessionPrincipal;
  }
}

/**
 * next-auth only carries the session. Passwords are checked by lib/auth/login-service, which hands a
 * one-time grant to this provider; the grant is worthless after 60 seconds or one use.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { grant: {} },
      authorize: async (credentials) => {
        const grant = typeof credentials.grant === "string" ? credentials.grant : "";
        const db = getDb();
        const redeemed = grant ? await redeemLoginGrant(db, grant) : undefined;
        if (!redeemed) return null;
        const actor = await loadActor(db, redeemed.kind, redeemed.id);
        if (!actor) return null;
        return {
          id: `${actor.kind}:${actor.id}`,
          principal: { kind: actor.kind, id: actor.id, sv: actor.sessionVersion, sid: newSessionId(), at: Date.now() },
        };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // next-auth passes `user` only on sign-in, although its type says always.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- see above
      if (user?.principal) token.principal = user.principal;
      return token;
    },
    session({ session, token }) {
      const p = toSessionPrincipal(token.principal);
      if (p) session.principal = p;
      return session;
    },
  },
});
