import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { HelpEventInput } from './dto/help-event.input';
import { HelpEventResult } from './help-event-result.type';
import { requireScope } from '../../core/auth/principal';
import { Scope } from '../workspaces/api-key.entity';
import { RequestContext } from '../../core/context/request-context';

/** Ingestion of self-help events reported by portals, widgets and integrations. */
@Resolver()
export class HelpEventResolver {
  @Mutation(() => [HelpEventResult], {
    description:
      'Records up to 1000 clicks, views, votes and support contacts. Each item is validated on its own and answered ' +
      'in input order; a repeated clientEventId answers DUPLICATE with the original eventId.',
  })
  recordHelpEvents(
    @Ctx() ctx: RequestContext,
    // HelpEventInput has no class-validator rules (each item is checked by validateHelpEvent so one bad item does not
    // fail the batch): skip running class-validator over up to 1,000 instances for nothing.
    @Arg('events', () => [HelpEventInput], { validate: false }) events: HelpEventInput[],
  ): Promise<HelpEventResult[]> {
    requireScope(ctx.principal, Scope.SEARCH, Scope.INGEST, Scope.WRITE);
    return ctx.services.helpEvents.record(ctx, events);
  }
}
