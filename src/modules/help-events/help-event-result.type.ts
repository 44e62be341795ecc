import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { HelpEventStatus } from './help-event-kind';

/** Why one item of a batch was refused. */
@ObjectType('HelpEventError')
export class HelpEventItemError {
  @Field({ description: 'BAD_USER_INPUT or NOT_FOUND.' })
  code: string;

  @Field()
  message: string;

  @Field(() => String, { nullable: true, description: 'The input field at fault, e.g. "searchId".' })
  field: string | null;
}

/** The outcome of one item of a `recordHelpEvents` batch, in input order. */
@ObjectType()
export class HelpEventResult {
  @Field(() => Int, { description: '0-based index of the item in the batch.' })
  index: number;

  @Field(() => HelpEventStatus)
  status: HelpEventStatus;

  @Field(() => GraphQLUUID, { nullable: true, description: 'The stored event (the original one for DUPLICATE).' })
  eventId: string | null;

  @Field(() => HelpEventItemError, { nullable: true })
  error: HelpEventItemError | null;
}
