import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../../platform/deps.js';
import { findCitizen } from '../../citizens/service.js';
import { type Applicant, draftDays, newOwnerToken, ownerHashOf } from './service.js';

// Who is filling in: the anonymous draft cookie (only /antraege receives it) and, once logged in, the citizen.

export const draftCookie = 'bs_antrag';
export const applicationsPath = '/antraege';

const options = (deps: Deps) => ({
  path: applicationsPath,
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: deps.config.publicUrl.startsWith('https://'),
});

const looksLikeToken = (s: string | undefined): s is string => Boolean(s && /^[A-Za-z0-9_-]{43}$/.test(s));

/** The applicant of this request: the logged-in citizen (level, shared attributes) or the draft cookie's owner. */
export async function readApplicant(deps: Deps, request: FastifyRequest): Promise<Applicant> {
  const token = request.cookies[draftCookie];
  const ownerHash = looksLikeToken(token) ? ownerHashOf(token) : undefined;
  const citizen = await findCitizen(deps, request);
  if (!citizen) return { attributes: {}, ownerHash };
  return { citizenId: citizen.id, level: citizen.level, attributes: citizen.attributes, ownerHash, citizen };
}

/** The applicant, with a draft cookie set first when an anonymous browser has none (starting a draft needs it). */
export async function ensureApplicant(deps: Deps, request: FastifyRequest, reply: FastifyReply): Promise<Applicant> {
  const applicant = await readApplicant(deps, request);
  if (applicant.citizenId !== undefined || applicant.ownerHash) return applicant;
  const { token, hash } = newOwnerToken();
  reply.setCookie(draftCookie, token, { ...options(deps), maxAge: draftDays * 86_400 });
  return { ...applicant, ownerHash: hash };
}
