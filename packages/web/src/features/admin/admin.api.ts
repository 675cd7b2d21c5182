import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  Area,
  Region,
  Team,
  Territory,
  TerritoryDetail,
  User,
  Hospital,
  Role,
  SessionsEnded,
} from '@keqing/shared';
import { api, type QueryParams } from '../../lib/api.ts';
import { invalidateResource, useList, useRemoteOptions, type Option } from '../../lib/resources.ts';

export type Product = {
  id: string;
  name: string;
  genericName: string | null;
  therapeuticArea: string | null;
};

export type { Area, Region, Team, Territory, TerritoryDetail, User, Hospital };

/** Bodies as the API takes them (shared zod schemas describe the same shapes). */
export type UserCreateBody = {
  username: string;
  name: string;
  role: Role;
  teamId: string | null;
  phone: string | null;
  email: string | null;
  password: string;
};
export type UserUpdateBody = {
  name?: string;
  role?: Role;
  teamId?: string | null;
  phone?: string | null;
  email?: string | null;
  active?: boolean;
  version: number;
};
export type TeamBody = { name: string; areaId: string; managerId: string | null };
export type TerritoryUpdateBody = {
  name?: string;
  teamId?: string;
  productIds?: string[];
  hospitalIds?: string[];
  channelCustomerIds?: string[];
  active?: boolean;
  version: number;
};
export type TerritoryCreateBody = {
  code: string;
  name: string;
  teamId: string;
  productIds?: string[];
  hospitalIds?: string[];
};

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: string; newPassword: string }) =>
      api.post<unknown>(`/users/${id}/reset-password`, { newPassword }),
    onSuccess: () => invalidateResource(queryClient, 'users'),
  });
}

export function useLogoutUserEverywhere() {
  return useMutation({
    mutationFn: (id: string) => api.post<SessionsEnded>(`/users/${id}/logout-everywhere`),
  });
}

export function useAssignTerritory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; userId: string; startDate?: string; note?: string }) =>
      api.post<TerritoryDetail>(`/territories/${id}/assign`, body),
    onSuccess: () => invalidateResource(queryClient, 'territories'),
  });
}

/** Every product (the catalogue is small), for names in tables and the territory form. */
export function useProducts() {
  return useList<Product>('products', { page: 1, pageSize: 200 });
}

export const teamOptionLabel = (team: Team) => `${team.name} · ${team.areaName}`;
export const userOptionLabel = (user: User) =>
  user.teamName ? `${user.name} (${user.username}) · ${user.teamName}` : `${user.name} (${user.username})`;

export function useTeamOptions(options: { known?: Option[]; params?: QueryParams; enabled?: boolean } = {}) {
  return useRemoteOptions<Team>('teams', teamOptionLabel, {
    params: { active: true, ...options.params },
    known: options.known,
    enabled: options.enabled,
  });
}

export function useAreaOptions(known?: Option[]) {
  return useRemoteOptions<Area>('areas', (a) => `${a.name} · ${a.regionName}`, {
    params: { active: true },
    known,
  });
}

export function useRegionOptions(known?: Option[], enabled = true) {
  return useRemoteOptions<Region>('regions', (r) => r.name, { params: { active: true }, known, enabled });
}

export function useUserOptions(params: QueryParams, known?: Option[]) {
  return useRemoteOptions<User>('users', userOptionLabel, { params: { active: true, ...params }, known });
}

export function useHospitalOptions(known?: Option[]) {
  return useRemoteOptions<Hospital>('hospitals', (h) => `${h.name} · ${h.city}`, { known, pageSize: 30 });
}
