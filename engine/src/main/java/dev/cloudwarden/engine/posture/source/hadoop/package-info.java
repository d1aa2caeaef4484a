/**
 * Hadoop's {@code *-site.xml} files ({@code core-site}, {@code hdfs-site}, {@code yarn-site}, {@code mapred-site},
 * and the same format used by HBase or Hive): one resource per file, its properties as a flat map. See
 * {@link dev.cloudwarden.engine.posture.source.hadoop.HadoopSiteSource} for the attribute shape.
 */
package dev.cloudwarden.engine.posture.source.hadoop;
