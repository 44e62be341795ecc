import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops the plain index on help_events(search_id): the partial follow-up index (workspace_id, search_id) INCLUDE ...
 * serves every lookup by search id, and one index less makes event ingestion cheaper.
 */
export class DropPlainSearchIdIndex1796318180415 implements MigrationInterface {
  name = 'DropPlainSearchIdIndex1796318180415';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "public"."IDX_0605dae7230c3fd1a3f1436fa8"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_0605dae7230c3fd1a3f1436fa8" ON "help_events" ("search_id") `);
  }
}
