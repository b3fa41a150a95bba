import type { MembershipRole } from '../../engines/enums';

// The demo users of DESIGN.md §10. Their ids are fixed so tests, README and the demo sign-in agree.

export const DEMO_TENANTS = {
  northwind: { id: 'a0000000-0000-4000-8000-000000000001', name: 'Northwind Studio' },
  globex: { id: 'a0000000-0000-4000-8000-000000000002', name: 'Globex Media' },
} as const;

export interface DemoUser {
  userId: string;
  email: string;
  displayName: string;
  tenantId: string;
  role: MembershipRole;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    userId: '11111111-1111-4111-8111-111111111111',
    email: 'olivia.owner@northwind.example',
    displayName: 'Olivia Owner',
    tenantId: DEMO_TENANTS.northwind.id,
    role: 'owner',
  },
  {
    userId: '22222222-2222-4222-8222-222222222222',
    email: 'max.member@northwind.example',
    displayName: 'Max Member',
    tenantId: DEMO_TENANTS.northwind.id,
    role: 'member',
  },
  {
    userId: '33333333-3333-4333-8333-333333333333',
    email: 'grace.owner@globex.example',
    displayName: 'Grace Owner',
    tenantId: DEMO_TENANTS.globex.id,
    role: 'owner',
  },
];

export const [DEMO_OWNER, DEMO_MEMBER, OTHER_TENANT_OWNER] = DEMO_USERS as [DemoUser, DemoUser, DemoUser];
