import { UsersList } from './UsersList.tsx';

/** 团队: a manager's team members (GET /api/users answers only their team), read-only. */
export default function TeamMembersPage() {
  return <UsersList mode="team" />;
}
