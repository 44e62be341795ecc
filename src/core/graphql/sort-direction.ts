import { registerEnumType } from 'type-graphql';

/** Sort direction of any ordered list. */
export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });
