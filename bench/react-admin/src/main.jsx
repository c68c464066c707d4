// The react-admin peer: the same directory, the same screens an admin uses
// most (the user list with search, sort and paging; a profile; edit; create),
// written the way react-admin's documentation writes them.
import { createRoot } from 'react-dom/client';
import {
  Admin, Resource, List, Datagrid, TextField, EmailField, BooleanField, DateField,
  ChipField, SingleFieldList, ArrayField, SearchInput, Show, SimpleShowLayout, Edit,
  Create, SimpleForm, TextInput, BooleanInput, required, email,
} from 'react-admin';
import { dataProvider } from './dataProvider.js';

const filters = [<SearchInput source="q" alwaysOn key="q" />];

const UserList = () => (
  <List filters={filters} sort={{ field: 'username', order: 'ASC' }} perPage={25}>
    <Datagrid rowClick="show">
      <TextField source="username" />
      <TextField source="fullName" />
      <EmailField source="email" />
      <BooleanField source="active" />
      <ArrayField source="roles" sortable={false}>
        <SingleFieldList linkType={false}><ChipField source="name" /></SingleFieldList>
      </ArrayField>
      <DateField source="lastLoginAt" showTime />
    </Datagrid>
  </List>
);

const UserShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="username" />
      <TextField source="fullName" />
      <EmailField source="email" />
      <BooleanField source="active" />
      <TextField source="timeZone" />
      <DateField source="lastLoginAt" showTime />
      <DateField source="createdAt" showTime />
    </SimpleShowLayout>
  </Show>
);

const UserForm = () => (
  <SimpleForm>
    <TextInput source="username" validate={required()} />
    <TextInput source="fullName" />
    <TextInput source="email" validate={[required(), email()]} />
    <TextInput source="timeZone" />
    <BooleanInput source="active" />
  </SimpleForm>
);

const UserEdit = () => <Edit mutationMode="pessimistic"><UserForm /></Edit>;
const UserCreate = () => <Create><UserForm /></Create>;

createRoot(document.getElementById('root')).render(
  <Admin dataProvider={dataProvider} disableTelemetry>
    <Resource name="users" list={UserList} show={UserShow} edit={UserEdit} create={UserCreate}
      recordRepresentation="username" />
  </Admin>,
);
