import { isStaffRole, staffRoles } from '../../platform/auth/types.js';
import type { CliArgs, CliCommand, CliContext } from '../../platform/cli/types.js';
import { flag, flagList } from '../../platform/cli/types.js';
import { AppError, type FieldErrors } from '../../platform/errors.js';
import { i18nFor } from '../../platform/i18n.js';
import { cliActor } from '../audit/service.js';
import { findDepartmentBySlug, listDepartments } from '../departments/service.js';
import { createUser, findUserByEmail, listUsers, resetPassword, setUserDisabled } from './service.js';

const en = i18nFor('en', 'UTC');

/** Field messages are i18n keys for the forms; the operator reads them in English. */
function readable(err: unknown): never {
  if (err instanceof AppError && err.details) {
    const details: FieldErrors = Object.fromEntries(
      Object.entries(err.details).map(([field, key]) => [field, en.t(key, { defaultValue: key })]),
    );
    throw new AppError(err.code, err.message, details);
  }
  throw err;
}

function required(args: CliArgs, name: string): string {
  const v = flag(args, name);
  if (!v) throw new AppError('validation_failed', `--${name} is required`);
  return v;
}

async function userByEmail(ctx: CliContext, email: string) {
  const user = await findUserByEmail(ctx.deps, ctx.deps.config.municipality.id, email);
  if (!user) throw new AppError('not_found', `No account with the e-mail address ${email}`);
  return user;
}

const create: CliCommand = {
  words: ['user', 'create'],
  usage: 'user create --email E --name N --role R [--department slug]... [--password P]',
  description: `Creates a staff account (roles: ${staffRoles.join(', ')}); prints a generated password once`,
  async run(args, ctx) {
    const municipalityId = ctx.deps.config.municipality.id;
    const role = required(args, 'role');
    if (!isStaffRole(role)) throw new AppError('validation_failed', `--role must be one of ${staffRoles.join(', ')}`);
    const departmentIds: number[] = [];
    for (const slug of flagList(args, 'department')) {
      const d = await findDepartmentBySlug(ctx.deps.db, municipalityId, slug);
      if (!d) {
        const known = (await listDepartments(ctx.deps.db, municipalityId)).map((x) => x.slug).join(', ') || 'none';
        throw new AppError('validation_failed', `Unknown department "${slug}" (known: ${known})`);
      }
      departmentIds.push(d.id);
    }
    const given = flag(args, 'password');
    const input = {
      municipalityId,
      email: required(args, 'email'),
      displayName: required(args, 'name'),
      role,
      departmentIds,
      ...(given ? { password: given } : {}),
      // A generated password is handed over, so its owner replaces it at the first login.
      mustChangePassword: !given,
    };
    const { id, password } = await createUser(ctx.deps, input, cliActor).catch(readable);
    ctx.out(`Created ${role} account #${id} for ${input.email.trim().toLowerCase()}.`);
    if (!given) {
      ctx.out(`Password (shown once, must be changed at the first login): ${password}`);
    }
  },
};

const disable: CliCommand = {
  words: ['user', 'disable'],
  usage: 'user disable --email E',
  description: 'Disables a staff account and ends all its sessions',
  async run(args, ctx) {
    const user = await userByEmail(ctx, required(args, 'email'));
    await setUserDisabled(ctx.deps, ctx.deps.config.municipality.id, user.id, true, cliActor).catch(readable);
    ctx.out(`Disabled account #${user.id} (${user.email}).`);
  },
};

const enable: CliCommand = {
  words: ['user', 'enable'],
  usage: 'user enable --email E',
  description: 'Enables a disabled staff account again (and lifts a lockout)',
  async run(args, ctx) {
    const user = await userByEmail(ctx, required(args, 'email'));
    await setUserDisabled(ctx.deps, ctx.deps.config.municipality.id, user.id, false, cliActor).catch(readable);
    ctx.out(`Enabled account #${user.id} (${user.email}).`);
  },
};

const reset: CliCommand = {
  words: ['user', 'reset-password'],
  usage: 'user reset-password --email E',
  description: 'Sets a new random password (printed once), ends all sessions of the account',
  async run(args, ctx) {
    const user = await userByEmail(ctx, required(args, 'email'));
    const { password } = await resetPassword(ctx.deps, ctx.deps.config.municipality.id, user.id, cliActor);
    ctx.out(`New password for ${user.email} (shown once, must be changed at the next login): ${password}`);
  },
};

const list: CliCommand = {
  words: ['user', 'list'],
  usage: 'user list',
  description: 'Lists the staff accounts of the municipality',
  async run(_args, ctx) {
    const municipalityId = ctx.deps.config.municipality.id;
    const [users, departments] = await Promise.all([
      listUsers(ctx.deps, municipalityId),
      listDepartments(ctx.deps.db, municipalityId),
    ]);
    if (users.length === 0) {
      ctx.out('No staff accounts yet. Create the first with: npm run cli -- user create --role admin …');
      return;
    }
    const slugs = new Map(departments.map((d) => [d.id, d.slug]));
    for (const u of users) {
      const status = u.disabled ? 'disabled' : u.locked ? 'locked' : 'active';
      const deps = u.departmentIds.map((id) => slugs.get(id) ?? String(id)).join(',');
      ctx.out(
        [String(u.id).padStart(5), u.email.padEnd(40), u.role.padEnd(16), status.padEnd(8), u.displayName, deps]
          .filter(Boolean)
          .join('  '),
      );
    }
  },
};

export const userCommands: CliCommand[] = [create, disable, enable, reset, list];
