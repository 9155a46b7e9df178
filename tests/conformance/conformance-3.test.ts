import { defineShard } from './shard';

defineShard(2, 4);
