// One person on call, as the paging service reports them.
export type OnCall = { policyId: string; level: number; name: string; email: string | null };

// Who is on call for one affected service, lowest escalation level first.
export type ServiceOnCall = { service: string; oncalls: OnCall[] };
