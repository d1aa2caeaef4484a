package dev.cloudwarden.engine.posture.check;

import dev.cloudwarden.engine.posture.scan.Finding;
import dev.cloudwarden.engine.posture.scan.PostureScan;
import dev.cloudwarden.engine.posture.scan.PostureScanner;
import dev.cloudwarden.engine.posture.scan.PostureSources;
import dev.cloudwarden.engine.posture.scan.Suppressions;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's Kubernetes, Dockerfile, Docker daemon and Hadoop controls that Checkov's examples do not cover: each built-in
 * check passes a well-configured file and fails one configured the way the report blames
 * ({@code report-controls/}, files we wrote from Docker's and Hadoop's documentation). Defaults matter: a property or
 * key left out takes the product's default, which is usually the open one.
 */
class ReportControlsTest {
    private static final PostureScanner SCANNER = new PostureScanner(PostureSources.all(), BuiltInChecks.all());

    /** The verdict of one built-in check on the one resource of a file under {@code report-controls/}. */
    private static Verdict verdict(String check, String file) {
        URL url = ReportControlsTest.class.getResource("report-controls/" + file);
        assertThat(url).as(file).isNotNull();
        Path path;
        try {
            path = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        PostureScan scan = SCANNER.scan(List.of(path), Suppressions.none(false));
        assertThat(scan.problems()).as(file + " parses").isEmpty();
        assertThat(scan.resources()).as(file + " is one resource").hasSize(1);
        List<Finding> findings = scan.findings().stream().filter(f -> f.check().id().equals(check)).toList();
        assertThat(findings.size()).as(check + " on " + file).isLessThanOrEqualTo(1);
        return findings.isEmpty() ? Verdict.NOT_APPLICABLE : findings.get(0).verdict();
    }

    private static void passes(String check, String... files) {
        for (String f : files) {
            assertThat(verdict(check, f)).as(check + " on " + f).isEqualTo(Verdict.PASS);
        }
    }

    private static void fails(String check, String... files) {
        for (String f : files) {
            assertThat(verdict(check, f)).as(check + " on " + f).isEqualTo(Verdict.FAIL);
        }
    }

    // Kubernetes: the container-escape and cluster-takeover controls Checkov's dataset has no examples for

    private static final String GOOD = "kubernetes/good-deployment.yaml";
    private static final String ESCAPE = "kubernetes/escape-pod.yaml";

    @Test
    void kubernetesPrivileged() {
        passes("CW_K8S_POD_PRIVILEGED", GOOD, "kubernetes/cronjob-latest.yaml");
        fails("CW_K8S_POD_PRIVILEGED", ESCAPE);
    }

    @Test
    void kubernetesHostNamespaces() {
        for (String check : List.of("CW_K8S_POD_HOST_PID", "CW_K8S_POD_HOST_IPC", "CW_K8S_POD_HOST_NETWORK")) {
            passes(check, GOOD, "kubernetes/cronjob-latest.yaml");
            fails(check, ESCAPE);
        }
    }

    @Test
    void kubernetesHostPathAndRuntimeSocket() {
        passes("CW_K8S_POD_HOST_PATH", GOOD);
        fails("CW_K8S_POD_HOST_PATH", ESCAPE);
        passes("CW_K8S_POD_RUNTIME_SOCKET", GOOD);
        fails("CW_K8S_POD_RUNTIME_SOCKET", ESCAPE);
    }

    /** Init containers count: they run on the same node with the same rights. */
    @Test
    void kubernetesPrivilegeEscalationRootAndCapabilities() {
        for (String check : List.of("CW_K8S_POD_PRIVILEGE_ESCALATION", "CW_K8S_POD_RUN_AS_NON_ROOT", "CW_K8S_POD_NET_RAW",
                "CW_K8S_POD_CAPABILITIES_DROPPED", "CW_K8S_POD_SECCOMP")) {
            passes(check, GOOD);
            fails(check, ESCAPE, "kubernetes/cronjob-latest.yaml");
        }
        for (String check : List.of("CW_K8S_POD_SYS_ADMIN", "CW_K8S_POD_ADDED_CAPABILITIES")) {
            passes(check, GOOD, "kubernetes/cronjob-latest.yaml");
            fails(check, ESCAPE);
        }
    }

    /** The token is mounted unless the pod (or its service account) says otherwise. */
    @Test
    void kubernetesServiceAccountToken() {
        passes("CW_K8S_POD_SERVICE_ACCOUNT_TOKEN", GOOD);
        fails("CW_K8S_POD_SERVICE_ACCOUNT_TOKEN", ESCAPE, "kubernetes/cronjob-latest.yaml");
    }

    /** alpine has no tag (it is :latest), the CronJob names :latest; the good Deployment pins digests. */
    @Test
    void kubernetesImageTagAndDigest() {
        passes("CW_K8S_POD_IMAGE_TAG", GOOD, "kubernetes/dashboard.yaml");
        fails("CW_K8S_POD_IMAGE_TAG", ESCAPE, "kubernetes/cronjob-latest.yaml");
        passes("CW_K8S_POD_IMAGE_DIGEST", GOOD);
        fails("CW_K8S_POD_IMAGE_DIGEST", "kubernetes/dashboard.yaml", "kubernetes/cronjob-latest.yaml");
    }

    /** kube-apiserver allows anonymous requests unless --anonymous-auth=false. */
    @Test
    void kubernetesApiServerAnonymousAuth() {
        passes("CW_K8S_APISERVER_ANONYMOUS_AUTH", "kubernetes/apiserver-hardened.yaml");
        fails("CW_K8S_APISERVER_ANONYMOUS_AUTH", "kubernetes/apiserver-anonymous.yaml");
        assertThat(verdict("CW_K8S_APISERVER_ANONYMOUS_AUTH", GOOD)).isEqualTo(Verdict.NOT_APPLICABLE);
        passes("CW_K8S_APISERVER_AUTHORIZATION", "kubernetes/apiserver-hardened.yaml");
        fails("CW_K8S_APISERVER_AUTHORIZATION", "kubernetes/apiserver-anonymous.yaml");
    }

    @Test
    void kubernetesDashboard() {
        passes("CW_K8S_DASHBOARD_DEPLOYED", GOOD);
        fails("CW_K8S_DASHBOARD_DEPLOYED", "kubernetes/dashboard.yaml");
        fails("CW_K8S_DASHBOARD_LOGIN", "kubernetes/dashboard.yaml");
        assertThat(verdict("CW_K8S_DASHBOARD_LOGIN", GOOD)).isEqualTo(Verdict.NOT_APPLICABLE);
        passes("CW_K8S_DASHBOARD_EXPOSED", "kubernetes/dashboard-service-internal.yaml");
        fails("CW_K8S_DASHBOARD_EXPOSED", "kubernetes/dashboard-service-exposed.yaml");
    }

    @Test
    void kubernetesBindingsToAnonymousAndDefaultAccounts() {
        passes("CW_K8S_RBAC_ANONYMOUS_BINDING", "kubernetes/team-binding.yaml");
        fails("CW_K8S_RBAC_ANONYMOUS_BINDING", "kubernetes/anonymous-binding.yaml");
        passes("CW_K8S_DEFAULT_SERVICE_ACCOUNT_BINDING", "kubernetes/team-binding.yaml");
    }

    /** Rights that lead to others: secrets, pods, the kubelet through nodes/proxy, tokens, host volumes. */
    @Test
    void kubernetesRolesThatEscalate() {
        for (String check : List.of("CW_K8S_RBAC_SECRETS_ACCESS", "CW_K8S_RBAC_POD_CREATE", "CW_K8S_RBAC_NODE_PROXY",
                "CW_K8S_RBAC_SA_TOKEN_CREATE", "CW_K8S_RBAC_PV_CREATE", "CW_K8S_RBAC_WILDCARD")) {
            passes(check, "kubernetes/pod-reader-role.yaml");
        }
        for (String check : List.of("CW_K8S_RBAC_SECRETS_ACCESS", "CW_K8S_RBAC_POD_CREATE", "CW_K8S_RBAC_NODE_PROXY",
                "CW_K8S_RBAC_SA_TOKEN_CREATE", "CW_K8S_RBAC_PV_CREATE")) {
            fails(check, "kubernetes/node-debugger-role.yaml");
        }
        fails("CW_K8S_RBAC_CLUSTER_ADMIN_BINDING", "kubernetes/anonymous-binding.yaml");
        assertThat(verdict("CW_K8S_RBAC_CLUSTER_ADMIN_BINDING", "kubernetes/team-binding.yaml")).isEqualTo(Verdict.NOT_APPLICABLE);
    }

    @Test
    void kubernetesApiServerNodeAuthorizer() {
        passes("CW_K8S_APISERVER_NODE_AUTHORIZER", "kubernetes/apiserver-hardened.yaml");
        fails("CW_K8S_APISERVER_NODE_AUTHORIZER", "kubernetes/apiserver-anonymous.yaml");
    }

    // Dockerfiles

    @Test
    void dockerfileSshPort() {
        passes("CW_DOCKERFILE_SSH_PORT", "dockerfile/good.Dockerfile");
        fails("CW_DOCKERFILE_SSH_PORT", "dockerfile/ssh-port.Dockerfile");
    }

    @Test
    void dockerfileHealthcheck() {
        passes("CW_DOCKERFILE_HEALTHCHECK", "dockerfile/good.Dockerfile", "dockerfile/ssh-port.Dockerfile");
        fails("CW_DOCKERFILE_HEALTHCHECK", "dockerfile/no-healthcheck.Dockerfile", "dockerfile/add.Dockerfile");
    }

    /** The final stage is the image: a USER in a build stage does not count. */
    @Test
    void dockerfileUser() {
        passes("CW_DOCKERFILE_USER", "dockerfile/good.Dockerfile");
        fails("CW_DOCKERFILE_USER", "dockerfile/no-user.Dockerfile", "dockerfile/base-latest.Dockerfile");
    }

    @Test
    void dockerfileLastUserRoot() {
        passes("CW_DOCKERFILE_LAST_USER_ROOT", "dockerfile/good.Dockerfile", "dockerfile/no-user.Dockerfile");
        fails("CW_DOCKERFILE_LAST_USER_ROOT", "dockerfile/last-user-root.Dockerfile");
    }

    @Test
    void dockerfileAdd() {
        passes("CW_DOCKERFILE_ADD", "dockerfile/good.Dockerfile");
        fails("CW_DOCKERFILE_ADD", "dockerfile/add.Dockerfile");
    }

    @Test
    void dockerfilePackageIndexAlone() {
        passes("CW_DOCKERFILE_PACKAGE_INDEX_ALONE", "dockerfile/good.Dockerfile", "dockerfile/ssh-port.Dockerfile");
        fails("CW_DOCKERFILE_PACKAGE_INDEX_ALONE", "dockerfile/index-alone.Dockerfile");
    }

    /** An untagged image is :latest; FROM an earlier stage pulls nothing. */
    @Test
    void dockerfileBaseImageVersion() {
        passes("CW_DOCKERFILE_BASE_IMAGE_VERSION", "dockerfile/good.Dockerfile", "dockerfile/no-user.Dockerfile");
        fails("CW_DOCKERFILE_BASE_IMAGE_VERSION", "dockerfile/base-latest.Dockerfile");
    }

    @Test
    void dockerfileCurlPipeShell() {
        passes("CW_DOCKERFILE_CURL_PIPE_SHELL", "dockerfile/good.Dockerfile", "dockerfile/insecure-download.Dockerfile");
        fails("CW_DOCKERFILE_CURL_PIPE_SHELL", "dockerfile/curl-pipe-shell.Dockerfile");
    }

    @Test
    void dockerfileInsecureDownload() {
        passes("CW_DOCKERFILE_INSECURE_DOWNLOAD", "dockerfile/good.Dockerfile", "dockerfile/curl-pipe-shell.Dockerfile");
        fails("CW_DOCKERFILE_INSECURE_DOWNLOAD", "dockerfile/insecure-download.Dockerfile");
    }

    /** A *_FILE pointer and an ARG without a default are not secrets; a password or an AWS key id is. */
    @Test
    void dockerfileSecretsInEnv() {
        passes("CW_DOCKERFILE_SECRETS_IN_ENV", "dockerfile/good.Dockerfile");
        fails("CW_DOCKERFILE_SECRETS_IN_ENV", "dockerfile/secrets-in-env.Dockerfile");
    }

    // Docker daemon

    /** Graboid's and AESDDoS's door: the API on tcp://0.0.0.0:2375, or TLS that checks no client certificate. */
    @Test
    void dockerDaemonTcpWithoutTls() {
        String check = "CW_DOCKER_DAEMON_TCP_WITHOUT_TLS";
        passes(check, "daemon/good/daemon.json", "daemon/defaults/daemon.json", "daemon/localhost-tcp/daemon.json");
        fails(check, "daemon/tcp-2375/daemon.json", "daemon/tls-no-verify/daemon.json",
                "daemon/systemd/docker.service.d/override.conf");
        // $DOCKER_OPTS may add --tlsverify: not a pass, not a fail
        assertThat(verdict(check, "daemon/systemd-env/docker.service.d/override.conf")).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void dockerDaemonInsecureRegistries() {
        passes("CW_DOCKER_DAEMON_INSECURE_REGISTRIES", "daemon/good/daemon.json", "daemon/defaults/daemon.json");
        fails("CW_DOCKER_DAEMON_INSECURE_REGISTRIES", "daemon/insecure-registry/daemon.json");
    }

    /** icc is on unless turned off. */
    @Test
    void dockerDaemonIcc() {
        passes("CW_DOCKER_DAEMON_ICC", "daemon/good/daemon.json", "daemon/tcp-2375/daemon.json");
        fails("CW_DOCKER_DAEMON_ICC", "daemon/defaults/daemon.json", "daemon/systemd/docker.service.d/override.conf");
    }

    @Test
    void dockerDaemonUsernsRemap() {
        passes("CW_DOCKER_DAEMON_USERNS_REMAP", "daemon/good/daemon.json");
        fails("CW_DOCKER_DAEMON_USERNS_REMAP", "daemon/defaults/daemon.json");
    }

    @Test
    void dockerDaemonNoNewPrivileges() {
        passes("CW_DOCKER_DAEMON_NO_NEW_PRIVILEGES", "daemon/good/daemon.json");
        fails("CW_DOCKER_DAEMON_NO_NEW_PRIVILEGES", "daemon/defaults/daemon.json");
    }

    // Hadoop: absent properties take core-default.xml / yarn-default.xml values, and a value that refers to a
    // property outside the file (good/ has some) leaves the other properties decidable.

    @Test
    void hadoopHttpAuthentication() {
        passes("CW_HADOOP_HTTP_AUTHENTICATION", "hadoop/good/core-site.xml");
        fails("CW_HADOOP_HTTP_AUTHENTICATION", "hadoop/defaults/core-site.xml", "hadoop/open/core-site.xml");
    }

    /** Anonymous access matters only for the simple handler, where it is allowed by default. */
    @Test
    void hadoopHttpAnonymous() {
        passes("CW_HADOOP_HTTP_ANONYMOUS", "hadoop/simple-no-anonymous/core-site.xml");
        assertThat(verdict("CW_HADOOP_HTTP_ANONYMOUS", "hadoop/good/core-site.xml")).isEqualTo(Verdict.NOT_APPLICABLE);
        fails("CW_HADOOP_HTTP_ANONYMOUS", "hadoop/defaults/core-site.xml", "hadoop/open/core-site.xml");
    }

    @Test
    void hadoopSecurityAuthentication() {
        passes("CW_HADOOP_SECURITY_AUTHENTICATION", "hadoop/good/core-site.xml");
        fails("CW_HADOOP_SECURITY_AUTHENTICATION", "hadoop/defaults/core-site.xml", "hadoop/open/core-site.xml");
    }

    /** DemonBot's door: YARN without ACLs takes an application from anyone (dr.who). */
    @Test
    void hadoopYarnAcl() {
        passes("CW_HADOOP_YARN_ACL", "hadoop/good/yarn-site.xml");
        fails("CW_HADOOP_YARN_ACL", "hadoop/defaults/yarn-site.xml", "hadoop/open/yarn-site.xml");
    }

    @Test
    void hadoopYarnAdminAcl() {
        passes("CW_HADOOP_YARN_ADMIN_ACL", "hadoop/good/yarn-site.xml");
        fails("CW_HADOOP_YARN_ADMIN_ACL", "hadoop/defaults/yarn-site.xml", "hadoop/open/yarn-site.xml");
    }

    /** The webapp address defaults to ${yarn.resourcemanager.hostname}:8088, the hostname to 0.0.0.0. */
    @Test
    void hadoopResourceManagerWebappAddress() {
        passes("CW_HADOOP_YARN_RM_WEBAPP_ALL_INTERFACES", "hadoop/good/yarn-site.xml");
        fails("CW_HADOOP_YARN_RM_WEBAPP_ALL_INTERFACES", "hadoop/defaults/yarn-site.xml", "hadoop/open/yarn-site.xml",
                "hadoop/bind-host/yarn-site.xml");
    }
}
