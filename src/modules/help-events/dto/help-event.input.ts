import { Field, InputType, Int } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { ReportedHelpEventType } from '../help-event-kind';

/**
 * One reported self-help event. Deliberately without class-validator rules: every item of a batch is checked on its
 * own by `validateHelpEvent`, so one bad item is reported as such instead of failing the whole batch.
 */
@InputType()
export class HelpEventInput {
  @Field(() => ReportedHelpEventType)
  type: ReportedHelpEventType;

  @Field({ description: 'Anonymous id of the visitor session (at most 200 characters).' })
  sessionId: string;

  @Field({ nullable: true, defaultValue: 'portal', description: 'portal, in_app, bot, email, ... (lowercase).' })
  channel?: string;

  @Field({
    nullable: true,
    description: 'When it happened (default: when received): at most 5 minutes in the future and at most 400 days ago.',
  })
  occurredAt?: Date;

  @Field({ nullable: true, description: "The client's own id for the event; a repeat returns the original (DUPLICATE)." })
  clientEventId?: string;

  @Field(() => GraphQLUUID, { nullable: true, description: 'The searchId returned by searchArticles.' })
  searchId?: string;

  @Field(() => GraphQLUUID, { nullable: true })
  articleId?: string;

  @Field(() => Int, { nullable: true, description: 'SEARCH_CLICK only: 1-based position of the hit, over all pages.' })
  position?: number;

  @Field({ nullable: true, description: 'ARTICLE_VOTE only: was the article helpful?' })
  helpful?: boolean;

  @Field({ nullable: true, description: 'ARTICLE_VOTE only: free-text reason (at most 1000 characters).' })
  reason?: string;
}
