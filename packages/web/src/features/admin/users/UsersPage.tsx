import { UsersList } from './UsersList.tsx';

export default function UsersPage() {
  return <UsersList mode="admin" />;
}
