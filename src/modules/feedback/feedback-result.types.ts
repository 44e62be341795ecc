import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Feedback } from './feedback.entity';

/** What happened to one item of a feedback batch. */
export enum FeedbackItemStatus {
  CREATED = 'CREATED',
  DUPLICATE = 'DUPLICATE',
  ERROR = 'ERROR',
}
registerEnumType(FeedbackItemStatus, { name: 'FeedbackItemStatus' });

/** Why an item of a batch was refused. */
@ObjectType()
export class FeedbackItemError {
  @Field({ description: 'Same codes as GraphQL errors, e.g. BAD_USER_INPUT.' })
  code: string;

  @Field()
  message: string;

  @Field(() => String, { nullable: true, description: 'The input field at fault, when known.' })
  field: string | null;
}

/** The outcome of one batch item, in input order. */
@ObjectType()
export class FeedbackItemResult {
  @Field(() => Int, { description: '0-based position of the item in the batch.' })
  index: number;

  @Field(() => FeedbackItemStatus)
  status: FeedbackItemStatus;

  @Field(() => Feedback, { nullable: true, description: 'The stored item (the original one for DUPLICATE).' })
  feedback: Feedback | null;

  @Field(() => FeedbackItemError, { nullable: true })
  error: FeedbackItemError | null;
}

/** One signal behind a quality score. */
@ObjectType()
export class QualitySignal {
  @Field()
  name: string;

  @Field()
  present: boolean;

  @Field(() => Int, { description: 'Points this signal adds to the score when present.' })
  weight: number;
}

/** The result of `submitFeedback`. */
@ObjectType()
export class SubmitFeedbackPayload {
  @Field(() => Feedback)
  feedback: Feedback;

  @Field({ description: 'True when the (source, externalId) was already stored: `feedback` is the original.' })
  duplicate: boolean;
}
