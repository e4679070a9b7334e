import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { StaffPrincipal, StaffRole } from '../auth/types.js';

/** A tile on the citizen start page: one per module that exists. */
export interface HomeModule {
  href: string;
  /** i18n keys for the tile's title and one-sentence description. */
  titleKey: string;
  textKey: string;
  /** Lower comes first. */
  order: number;
}

/** A figure on the staff start page ("12 to triage"), linking to the list it counts; labelKey gets `count`. */
export interface DashboardCount {
  href: string;
  labelKey: string;
  count: number;
  /** Shown as needing attention (overdue …) when the count is above 0. */
  urgent?: boolean;
}

/** An entry of the back-office navigation, shown to the roles listed. */
export interface AdminNavItem {
  href: string;
  labelKey: string;
  roles: readonly StaffRole[];
  order: number;
  /** The entry's figures on the staff start page for this staff member. */
  counts?: (staff: StaffPrincipal) => Promise<DashboardCount[]>;
}

/**
 * A panel of the citizen start page with content of its own module (the latest news, the most asked questions).
 * `load` renders it, or gives null when there is nothing to show. The start page is cached per language for
 * anonymous visitors, so a panel must be the same for everyone; its module invalidates `pages:<municipality>`
 * (invalidateResponses) when its content changes.
 */
export interface HomePanel {
  id: string;
  /** Lower comes first. */
  order: number;
  load(request: FastifyRequest): Promise<ComponentChildren | null>;
}

declare module 'fastify' {
  interface FastifyInstance {
    homeModules: HomeModule[];
    homePanels: HomePanel[];
    adminNav: AdminNavItem[];
  }
}

export function registerViewRegistries(app: FastifyInstance): void {
  app.decorate('homeModules', [] as HomeModule[]);
  app.decorate('homePanels', [] as HomePanel[]);
  app.decorate('adminNav', [] as AdminNavItem[]);
}

/** Features call this once at registration so the start page lists them. */
export function addHomeModule(app: FastifyInstance, module: HomeModule): void {
  app.homeModules.push(module);
  app.homeModules.sort((a, b) => a.order - b.order);
}

/** Features call this once at registration to show a panel of their content on the start page. */
export function addHomePanel(app: FastifyInstance, panel: HomePanel): void {
  app.homePanels.push(panel);
  app.homePanels.sort((a, b) => a.order - b.order);
}

/** Features call this once at registration to appear in the back-office navigation. */
export function addAdminNavItem(app: FastifyInstance, item: AdminNavItem): void {
  app.adminNav.push(item);
  app.adminNav.sort((a, b) => a.order - b.order);
}
