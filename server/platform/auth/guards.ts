import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, wantsHtml } from '../errors.js';
import type { StaffPrincipal, StaffRole } from './types.js';

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

function staffGuard(roles: readonly StaffRole[], allowPendingPasswordChange: boolean): Guard {
  return async (request, reply) => {
    if (request.sessionExpired) throw new AppError('session_expired', 'Your session has expired; please sign in again');
    const staff = request.staff;
    if (!staff) throw new AppError('unauthenticated', 'Please sign in');
    if (staff.mustChangePassword && !allowPendingPasswordChange) {
      if (wantsHtml(request)) return reply.redirect('/admin/account?required=1', 303);
      throw new AppError('forbidden', 'Please set a new password first');
    }
    if (roles.length > 0 && !roles.includes(staff.role)) throw new AppError('forbidden', 'You may not do this');
    return undefined;
  };
}

/**
 * Fastify preHandler for back-office routes: `session_expired` for a dead session cookie, `unauthenticated` without a
 * signed-in staff member, `forbidden` when the role is not among `roles` (none given = any staff role).
 */
export function requireStaff(...roles: StaffRole[]): Guard {
  return staffGuard(roles, false);
}

/** Like requireStaff() for any role, but also lets in users who still have to replace a reset password. */
export function requireStaffAccount(): Guard {
  return staffGuard([], true);
}

/**
 * The signed-in staff member of a request behind requireStaff(): typed, without a non-null assertion. Throws
 * `unauthenticated` when a route forgot its guard (never a silent undefined).
 */
export function staffOf(request: FastifyRequest): StaffPrincipal {
  const staff = request.staff;
  if (!staff) throw new AppError('unauthenticated', 'Please sign in');
  return staff;
}
