/**
 * Who is asking. Customers: a JWT signed by the site's backend with SERVICE_HALL_SECRET (HS256, `sub` = the
 * site's customer id, optional `name` and `tier`), or a visitor token this server issued (`POST visitors`).
 * Agents: a session cookie whose token's SHA-256 is looked up in `agent_sessions`.
 */
import { createHash, randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { and, eq, gt, sql } from 'drizzle-orm';
import { jwtVerify, SignJWT } from 'jose';
import type { Db } from '../db/connect.js';
import { agents, agentSessions, customers, settings } from '../db/schema.js';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;

/** The audience of visitor tokens: a site-signed token never carries it, so the two cannot be confused. */
export const VISITOR_AUDIENCE = 'service-hall:visitor';
const SESSION_DAYS = 7;
// Remembered customer rows: a request by a known customer with unchanged name and tier writes nothing.
const KNOWN_MAX = 10_000;

export interface CustomerIdentity {
  /** `u:<sub>` for a site's customer, `v:<uuid>` for a visitor. */
  id: string;
  kind: 'signed' | 'visitor';
  /** The id the site knows the customer by (the token's `sub`), for provider hooks. */
  externalId: string;
  name?: string;
  tier?: string;
}

export interface AgentIdentity {
  id: string;
  name: string;
  email: string;
  avatar?: string;
  /** `admin` may read the team's metrics and set the alert thresholds. */
  role: 'agent' | 'admin';
}

/** Reads the signing secret, generating and storing one on first start when none is configured. */
export const loadSecret = async (db: Db, configured?: string): Promise<Uint8Array> => {
  if (configured) return new TextEncoder().encode(configured);
  await db
    .insert(settings)
    .values({ key: 'secret', value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, 'secret'));
  return new TextEncoder().encode(String(row?.value));
};

export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, 32);
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
};

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(actual, expected);
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

export const createIdentity = (db: Db, secret: Uint8Array) => {
  const known = new Map<string, string>();

  /** Creates or updates the customer row, once per change of name or tier. */
  const remember = async (who: CustomerIdentity) => {
    const stamp = `${who.name ?? ''}\u0000${who.tier ?? ''}`;
    if (known.get(who.id) === stamp) return;
    await db
      .insert(customers)
      .values({ id: who.id, kind: who.kind, name: who.name ?? null, tier: who.tier ?? null })
      .onConflictDoUpdate({
        target: customers.id,
        set: { name: who.name ?? null, tier: who.tier ?? null, seenAt: sql`now()` },
      });
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(who.id, stamp);
  };

  return {
    /** A new anonymous visitor and the token that names them from now on. */
    async issueVisitor(): Promise<{ token: string; customer: CustomerIdentity }> {
      const sub = randomUUID();
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setAudience(VISITOR_AUDIENCE)
        .setIssuedAt()
        .sign(secret);
      const customer: CustomerIdentity = { id: `v:${sub}`, kind: 'visitor', externalId: sub };
      await remember(customer);
      return { token, customer };
    },

    /** The customer a bearer token names, or undefined when it is not valid. */
    async verifyCustomer(token: string): Promise<CustomerIdentity | undefined> {
      let payload;
      try {
        ({ payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] }));
      } catch {
        return undefined;
      }
      const sub = typeof payload.sub === 'string' ? payload.sub : '';
      if (!sub || sub.length > 200) return undefined;
      const audiences = [payload.aud ?? []].flat();
      const visitor = audiences.includes(VISITOR_AUDIENCE);
      const text = (v: unknown, max: number) => (typeof v === 'string' && v ? v.slice(0, max) : undefined);
      const customer: CustomerIdentity = visitor
        ? { id: `v:${sub}`, kind: 'visitor', externalId: sub }
        : {
            id: `u:${sub}`,
            kind: 'signed',
            externalId: sub,
            name: text(payload.name, 100),
            tier: text(payload.tier, 50),
          };
      await remember(customer);
      return customer;
    },

    /** Signs a customer token as a site's backend would (the demo page's server route, tests). */
    signCustomer: (customer: { sub: string; name?: string; tier?: string }, expiresIn = '1h') =>
      new SignJWT({ ...(customer.name && { name: customer.name }), ...(customer.tier && { tier: customer.tier }) })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(customer.sub)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(secret),

    /** Checks an agent's password and opens a session; the returned token goes into the cookie. */
    async signIn(
      email: string,
      password: string,
    ): Promise<{ token: string; agent: AgentIdentity; expires: Date } | undefined> {
      const [agent] = await db.select().from(agents).where(eq(agents.email, email.trim().toLowerCase()));
      // A missing agent costs as much as a wrong password, so timing does not tell which emails exist.
      const ok = await verifyPassword(
        password,
        agent?.passwordHash ?? 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      );
      if (!agent || !ok) return undefined;
      const token = randomBytes(32).toString('base64url');
      const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000);
      await db.insert(agentSessions).values({ tokenHash: sha256(token), agentId: agent.id, expiresAt: expires });
      return {
        token,
        agent: {
          id: agent.id,
          name: agent.name,
          email: agent.email,
          avatar: agent.avatar ?? undefined,
          role: agent.role,
        },
        expires,
      };
    },

    async signOut(token: string): Promise<void> {
      await db.delete(agentSessions).where(eq(agentSessions.tokenHash, sha256(token)));
    },

    /** The agent a session cookie names; also marks the agent as seen (at most every 15 s). */
    async verifyAgent(token: string): Promise<AgentIdentity | undefined> {
      const [row] = await db
        .select({ id: agents.id, name: agents.name, email: agents.email, avatar: agents.avatar, role: agents.role })
        .from(agentSessions)
        .innerJoin(agents, eq(agents.id, agentSessions.agentId))
        .where(and(eq(agentSessions.tokenHash, sha256(token)), gt(agentSessions.expiresAt, sql`now()`)));
      if (!row) return undefined;
      await db
        .update(agents)
        .set({ seenAt: sql`now()` })
        .where(
          and(
            eq(agents.id, row.id),
            sql`(${agents.seenAt} is null or ${agents.seenAt} < now() - interval '15 seconds')`,
          ),
        );
      return { ...row, avatar: row.avatar ?? undefined };
    },
  };
};

export type Identity = ReturnType<typeof createIdentity>;
