import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clicks and votes by searchId for the help metrics (help-event-sql.ts): a partial index holding only events that
 * carry a searchId, with the columns the metrics read, so the follow-ups of a workspace are one index-only scan in
 * searchId order. Declared on the entity with `synchronize: false` (TypeORM cannot express INCLUDE).
 */
export class HelpEventFollowUpIndex1796317727408 implements MigrationInterface {
  name = 'HelpEventFollowUpIndex1796317727408';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_help_events_follow_ups" ON "help_events" ("workspace_id", "search_id") INCLUDE ("type", "position", "helpful", "article_id") WHERE "search_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_help_events_follow_ups"`);
  }
}
