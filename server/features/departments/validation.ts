import { slugify } from '../../../shared/formats.js';
import { AppError, type FieldErrors } from '../../platform/errors.js';

export interface DepartmentInput {
  name: string;
  slug?: string;
  email?: string | null;
  phone?: string | null;
}

export interface CleanDepartment {
  name: string;
  slug: string;
  email: string | null;
  phone: string | null;
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\+?[0-9][0-9 ()/-]{2,38}$/;

/** Trims and checks department input; throws validation_failed with an i18n key per field. */
export function cleanDepartment(input: DepartmentInput): CleanDepartment {
  const errors: FieldErrors = {};
  const name = input.name.trim();
  const slug = (input.slug?.trim() || slugify(name)).toLowerCase();
  const email = input.email?.trim() || null;
  const phone = input.phone?.trim() || null;
  if (!name) errors.name = 'departments.errors.nameRequired';
  else if (name.length > 200) errors.name = 'departments.errors.nameTooLong';
  if (name && (!slug || slug.length > 60 || !slugPattern.test(slug))) errors.slug = 'departments.errors.slugInvalid';
  if (email && (email.length > 254 || !emailPattern.test(email))) errors.email = 'departments.errors.emailInvalid';
  if (phone && !phonePattern.test(phone)) errors.phone = 'departments.errors.phoneInvalid';
  if (Object.keys(errors).length) throw new AppError('validation_failed', 'The department has invalid fields', errors);
  return { name, slug, email, phone };
}
