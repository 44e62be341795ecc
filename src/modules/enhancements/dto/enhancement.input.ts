import { Field, InputType } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { IsOptional, Length, MaxLength } from 'class-validator';
import { EnhancementStatus } from '../enhancement.entity';

/** Fields to create an enhancement. It starts OPEN unless `status` says otherwise. */
@InputType()
export class CreateEnhancementInput {
  @Field()
  @Length(1, 300)
  title: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(20_000)
  description?: string;

  @Field(() => GraphQLUUID, { nullable: true })
  @IsOptional()
  featureId?: string;

  @Field(() => EnhancementStatus, { nullable: true, description: 'Initial status (default OPEN), for imports.' })
  @IsOptional()
  status?: EnhancementStatus;

  @Field(() => Date, {
    nullable: true,
    description: 'When the enhancement was created (backfilling from an integration); not in the future. Default now.',
  })
  @IsOptional()
  at?: Date;

  @Field({ nullable: true, description: 'Who created it; defaults to the API key name.' })
  @IsOptional()
  @Length(1, 200)
  actor?: string;
}

/** Fields to change on an enhancement; omitted fields stay as they are, `featureId: null` clears the feature. */
@InputType()
export class UpdateEnhancementInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 300)
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(20_000)
  description?: string;

  @Field(() => GraphQLUUID, { nullable: true })
  @IsOptional()
  featureId?: string | null;
}

/** Filters for the enhancement list. */
@InputType()
export class EnhancementFilter {
  @Field(() => EnhancementStatus, { nullable: true })
  @IsOptional()
  status?: EnhancementStatus;

  @Field(() => GraphQLUUID, { nullable: true })
  @IsOptional()
  featureId?: string;
}
