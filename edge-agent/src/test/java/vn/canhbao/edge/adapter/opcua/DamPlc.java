package vn.canhbao.edge.adapter.opcua;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.Lifecycle;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * Test PLC of a dam upstream: a Milo 1.1.2 OPC UA server (security None, anonymous) on 127.0.0.1
 * with Double variables {@code ns=2;s=Dam/ReservoirLevel}, {@code ns=2;s=Dam/RainAtDam} and {@code
 * ns=2;s=Dam/Status} (a String). Can be stopped and started again on the same port.
 */
final class DamPlc implements AutoCloseable {
    static final String NAMESPACE = "urn:canhbao:test:dam";
    static final String LEVEL = "ns=2;s=Dam/ReservoirLevel";
    static final String RAIN = "ns=2;s=Dam/RainAtDam";
    static final String STATUS = "ns=2;s=Dam/Status";

    private final int port;
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private OpcUaServer server;
    private DamNamespace namespace;

    DamPlc(int port) {
        this.port = port;
        values.put("Dam/ReservoirLevel", 12.0);
        values.put("Dam/RainAtDam", 0.0);
        values.put("Dam/Status", "ok");
    }

    String url() {
        return "opc.tcp://127.0.0.1:" + port + "/dam";
    }

    synchronized DamPlc start() {
        EndpointConfig endpoint =
                EndpointConfig.newBuilder()
                        .setBindAddress("127.0.0.1")
                        .setBindPort(port)
                        .setHostname("127.0.0.1")
                        .setPath("/dam")
                        .setSecurityPolicy(SecurityPolicy.None)
                        .setSecurityMode(MessageSecurityMode.None)
                        .addTokenPolicy(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS)
                        .build();
        OpcUaServerConfig config =
                OpcUaServerConfig.builder()
                        .setApplicationName(LocalizedText.english("test dam PLC"))
                        .setApplicationUri("urn:canhbao:test:dam-plc")
                        .setProductUri("urn:canhbao:test:dam-plc")
                        .setEndpoints(Set.of(endpoint))
                        .setCertificateManager(
                                new DefaultCertificateManager(new MemoryCertificateQuarantine()))
                        .setIdentityValidator(AnonymousIdentityValidator.INSTANCE)
                        .build();
        server =
                new OpcUaServer(
                        config,
                        p ->
                                new OpcTcpServerTransport(
                                        OpcTcpServerTransportConfig.newBuilder().build()));
        namespace = new DamNamespace(server);
        namespace.startup();
        try {
            server.startup().get(20, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("PLC did not start", e);
        }
        return this;
    }

    synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            namespace.shutdown();
            server.shutdown().get(20, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("PLC did not stop", e);
        }
        server = null;
    }

    synchronized void set(String nodeId, Object value) {
        String id = nodeId.substring("ns=2;s=".length());
        values.put(id, value);
        if (namespace != null) {
            namespace.set(id, value);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private final class DamNamespace extends ManagedNamespaceWithLifecycle {
        private final SubscriptionModel subscriptions;
        private final Map<String, UaVariableNode> nodes = new ConcurrentHashMap<>();

        DamNamespace(OpcUaServer server) {
            super(server, NAMESPACE);
            subscriptions = new SubscriptionModel(server, this);
            getLifecycleManager().addLifecycle(subscriptions);
            getLifecycleManager()
                    .addLifecycle(
                            new Lifecycle() {
                                @Override
                                public void startup() {
                                    addNodes();
                                }

                                @Override
                                public void shutdown() {}
                            });
        }

        void set(String id, Object value) {
            UaVariableNode n = nodes.get(id);
            if (n != null) {
                n.setValue(new DataValue(new Variant(value)));
            }
        }

        private void addNodes() {
            int idx = getNamespaceIndex().intValue();
            UaFolderNode folder =
                    new UaFolderNode(
                            getNodeContext(),
                            new NodeId(idx, "Dam"),
                            new QualifiedName(idx, "Dam"),
                            LocalizedText.english("Dam"));
            getNodeManager().addNode(folder);
            folder.addReference(
                    new Reference(
                            folder.getNodeId(),
                            NodeIds.Organizes,
                            NodeIds.ObjectsFolder.expanded(),
                            false));
            for (Map.Entry<String, Object> e : values.entrySet()) {
                String id = e.getKey();
                UaVariableNode node =
                        UaVariableNode.builder(getNodeContext())
                                .setNodeId(new NodeId(idx, id))
                                .setBrowseName(new QualifiedName(idx, id))
                                .setDisplayName(LocalizedText.english(id))
                                .setDataType(
                                        e.getValue() instanceof String
                                                ? NodeIds.String
                                                : NodeIds.Double)
                                .setTypeDefinition(NodeIds.BaseDataVariableType)
                                .build();
                node.setAccessLevel(UByte.valueOf(1));
                node.setUserAccessLevel(UByte.valueOf(1));
                node.setValue(new DataValue(new Variant(e.getValue())));
                getNodeManager().addNode(node);
                folder.addOrganizes(node);
                nodes.put(id, node);
            }
        }

        @Override
        public void onDataItemsCreated(List<DataItem> dataItems) {
            subscriptions.onDataItemsCreated(dataItems);
        }

        @Override
        public void onDataItemsModified(List<DataItem> dataItems) {
            subscriptions.onDataItemsModified(dataItems);
        }

        @Override
        public void onDataItemsDeleted(List<DataItem> dataItems) {
            subscriptions.onDataItemsDeleted(dataItems);
        }

        @Override
        public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
            subscriptions.onMonitoringModeChanged(monitoredItems);
        }
    }
}
