import type { StaffRole } from '../../platform/auth/types.js';
import type { Deps } from '../../platform/deps.js';
import { systemActor } from '../audit/service.js';
import { createDepartment, findDepartmentBySlug } from '../departments/service.js';
import { createUser, hasStaff } from './service.js';

export interface DemoCredential {
  email: string;
  password: string;
  role: StaffRole;
  displayName: string;
  department?: string;
}

/** Departments as Bielefeld names them; the e-mail local part is the key of a shared mailbox. */
const demoDepartments = [
  { slug: 'umweltbetrieb', name: 'Umweltbetrieb', mailbox: 'umweltbetrieb' },
  { slug: 'amt-fuer-verkehr', name: 'Amt für Verkehr', mailbox: 'amt-fuer-verkehr' },
  { slug: 'ordnungsamt', name: 'Ordnungsamt', mailbox: 'ordnungsamt' },
  { slug: 'umweltamt-gruenflaechen', name: 'Umweltamt – Grünflächen', mailbox: 'gruenflaechen' },
  {
    slug: 'amt-fuer-strassenbau-und-entwaesserung',
    name: 'Amt für Straßenbau und Entwässerung',
    mailbox: 'strassenbau-entwaesserung',
  },
];

const demoUsers: { local: string; displayName: string; role: StaffRole; department?: string }[] = [
  { local: 'admin', displayName: 'Katrin Albers', role: 'admin' },
  { local: 'bsc', displayName: 'Murat Yıldız', role: 'bsc_agent' },
  {
    local: 'fachamt.umweltbetrieb',
    displayName: 'Jens Brinkmann',
    role: 'department_staff',
    department: 'umweltbetrieb',
  },
  { local: 'fachamt.verkehr', displayName: 'Sabine Kötter', role: 'department_staff', department: 'amt-fuer-verkehr' },
  { local: 'fachamt.ordnungsamt', displayName: 'Ayşe Demir', role: 'department_staff', department: 'ordnungsamt' },
  {
    local: 'fachamt.gruenflaechen',
    displayName: 'Peter Wittkamp',
    role: 'department_staff',
    department: 'umweltamt-gruenflaechen',
  },
  {
    local: 'fachamt.strassenbau',
    displayName: 'Claudia Husemann',
    role: 'department_staff',
    department: 'amt-fuer-strassenbau-und-entwaesserung',
  },
  { local: 'redaktion', displayName: 'Lena Hoffmann', role: 'editor' },
  { local: 'auswertung', displayName: 'Tobias Meier', role: 'analyst' },
];

/**
 * Demo departments and one account per role, and one for every demo department (each is named by a demo routing
 * rule, so a forwarded demo report can be worked on), with random
 * passwords, on the municipality's `.example` domain. Returns the credentials to print once; does nothing and
 * returns [] when the municipality has staff accounts already.
 */
export async function seedDemoStaff(deps: Deps): Promise<DemoCredential[]> {
  const m = deps.config.municipality;
  if (await hasStaff(deps.db, m.id)) return [];
  const domain = `${m.id}.example`;
  const departments = new Map<string, { id: number; name: string }>();
  await deps.db.transaction(async (tx) => {
    for (const d of demoDepartments) {
      const existing = await findDepartmentBySlug(tx, m.id, d.slug);
      const row =
        existing ??
        (await createDepartment(
          tx,
          { municipalityId: m.id, slug: d.slug, name: d.name, email: `${d.mailbox}@${domain}`, phone: m.contact.phone },
          systemActor,
        ));
      departments.set(d.slug, { id: row.id, name: row.name });
    }
  });
  const credentials: DemoCredential[] = [];
  for (const u of demoUsers) {
    const department = u.department ? departments.get(u.department) : undefined;
    const email = `${u.local}@${domain}`;
    const { password } = await createUser(
      deps,
      {
        municipalityId: m.id,
        email,
        displayName: u.displayName,
        role: u.role,
        departmentIds: department ? [department.id] : [],
      },
      systemActor,
    );
    credentials.push({
      email,
      password,
      role: u.role,
      displayName: u.displayName,
      ...(department ? { department: department.name } : {}),
    });
  }
  return credentials;
}
